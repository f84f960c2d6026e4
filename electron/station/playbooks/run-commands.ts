import { randomUUID } from 'node:crypto';
import type { StationCore } from '../core/core';
import { effectOf } from '../db/queries/effects';
import { runById, type RunRow } from '../db/queries/runs';
import { CommandError } from '../mentions/commands';
import { sha256Hex } from '../ops/op-id';
import type { Severity } from '../../../shared/playbooks/severity';

/** How a run starts (the playbook as YAML: bundled, or imported by an admin). */
export type StartRun = {
  yaml: string;
  playbookId: string;
  severity?: Severity;
  commanderId: string;
  mentionIds?: string[];
  topics?: string[];
  alertId?: string;
};

async function mustRun(core: StationCore, runId: string): Promise<RunRow> {
  const run = await runById(core.db, runId);
  if (!run) throw new CommandError('not-found', `no run with id ${runId}`);
  return run;
}

/** Records an op about a run; a refused one answers with why (and stays in the run's history). */
async function record(
  core: StationCore,
  actor: string,
  runId: string,
  type: string,
  payload: object,
) {
  const applied = await core.commit([{ type, v: 1, actor, subject: runId, payload }]);
  const effect = await effectOf(core.db, applied.ops[0]?.id as string);
  if (effect && effect.effect !== 'applied')
    throw new CommandError(
      effect.effect === 'refused' ? 'conflict' : 'invalid',
      effect.reason ?? 'refused',
    );
}

/** Starts a run of a playbook; its YAML goes in the op, so every station runs that version. */
export async function startRun(core: StationCore, actor: string, s: StartRun): Promise<RunRow> {
  const runId = `run-${randomUUID()}`;
  await record(core, actor, runId, 'run.start', {
    runId,
    playbook: { id: s.playbookId, version: sha256Hex(s.yaml), yaml: s.yaml },
    commanderId: s.commanderId,
    mentionIds: s.mentionIds ?? [],
    topics: s.topics ?? [],
    ...(s.severity && { severity: s.severity }),
    ...(s.alertId && { alertId: s.alertId }),
  });
  return mustRun(core, runId);
}

/** The things people do in a run, as op types and payloads. */
export type RunAction =
  | { type: 'run.step' | 'run.approve'; stepId: string; note?: string | undefined }
  | { type: 'run.advance' }
  | { type: 'run.severity'; severity: Severity }
  | { type: 'run.commander'; commanderId: string }
  | { type: 'run.status-update'; note?: string | undefined }
  | { type: 'run.close'; summary: string };

/** Records one action on a run and answers the run as it now stands. */
export async function actOnRun(
  core: StationCore,
  actor: string,
  runId: string,
  action: RunAction,
  occurredAt?: string,
): Promise<RunRow> {
  await mustRun(core, runId);
  if (occurredAt && Date.parse(occurredAt) > Date.now() + 60_000)
    throw new CommandError('invalid', 'when it happened cannot be in the future');
  const { type, ...payload } = action;
  await record(core, actor, runId, type, { ...payload, ...(occurredAt && { occurredAt }) });
  return mustRun(core, runId);
}
