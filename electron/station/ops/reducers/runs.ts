import { createActor } from 'xstate';
import type { z } from 'zod';
import type { Db, Sql } from '../../db/connection';
import { opsBySubject } from '../../db/queries/ops';
import { writeEffects } from '../../db/queries/mention-writes';
import { deleteRun, writeRun } from '../../db/queries/runs';
import type { Verdict } from '../../../../shared/domain/mention-state';
import { compilePlaybook, type RunMachine } from '../../../../shared/playbooks/compile-playbook';
import { formatProblem, parsePlaybook } from '../../../../shared/playbooks/parse-playbook';
import type { RunEvent } from '../../../../shared/playbooks/run-types';
import type { Playbook } from '../../../../shared/playbooks/schema';
import { decodeHlc } from '../../../../shared/sync/hlc';
import type { Op } from '../op';
import { RUN_OPS, type RunStartV1 } from '../run-payloads';
import { RoleHistory } from './roles';

/** Bumped whenever replaying the same ops could give a different state: cached rows are redone. */
export const RUN_ENGINE = 2;

type Compiled = { playbook: Playbook; machine: RunMachine } | { problem: string };
// Compiled playbooks by version (the SHA-256 of their YAML): a run's ops replay often.
const COMPILED = new Map<string, Compiled>();

function compiledOf(p: z.output<typeof RunStartV1>['playbook']): Compiled {
  let c = COMPILED.get(p.version);
  if (!c) {
    const parsed = parsePlaybook(p.yaml, `${p.id}.yaml`);
    c = parsed.ok
      ? { playbook: parsed.playbook, machine: compilePlaybook(parsed.playbook) }
      : { problem: parsed.problems.map(formatProblem).join('; ') };
    if (COMPILED.size > 100) COMPILED.clear();
    COMPILED.set(p.version, c);
  }
  return c;
}

/** The validated playbook a run.start carries (compiled once per version, shared with views). */
export function playbookOfStart(p: z.output<typeof RunStartV1>['playbook']): Playbook | null {
  const c = compiledOf(p);
  return 'problem' in c ? null : c.playbook;
}

/** Replay order: by HLC, except that a timer.fired sorts at its due time (DECISIONS.md 5). */
function replayKey(op: Op): string {
  if (op.type !== 'timer.fired') return op.hlc;
  const due = (op.payload as { dueAt: number }).dueAt;
  return String(due).padStart(15, '0') + op.hlc.slice(15);
}

/** When an op's event happened: its occurredAt where given, else its record time. */
function whenOf(op: Op): number {
  const at = (op.payload as { occurredAt?: string } | null)?.occurredAt;
  return at ? Date.parse(at) : decodeHlc(op.hlc).wall;
}

/** The machine event an op stands for, judged with the actor's role at the op's HLC. */
function eventOf(op: Op, roles: RoleHistory): RunEvent | string {
  const p = op.payload as Record<string, unknown>;
  const at = whenOf(op);
  if (op.type === 'timer.fired')
    return { type: 'TIMER.FIRED', at, key: p.key as string, dueAt: p.dueAt as number };
  const role = roles.roleAt(op.actor, op.hlc);
  if (!role) return 'the account is unknown or disabled';
  const actor = { id: op.actor, role };
  const note = typeof p.note === 'string' ? { note: p.note } : {};
  switch (op.type) {
    case 'run.step':
      return { type: 'STEP.COMPLETE', at, actor, stepId: p.stepId as string, ...note };
    case 'run.approve':
      return { type: 'GATE.APPROVE', at, actor, stepId: p.stepId as string, ...note };
    case 'run.advance':
      return { type: 'PHASE.ADVANCE', at, actor };
    case 'run.severity':
      return { type: 'SEVERITY.SET', at, actor, severity: p.severity as never };
    case 'run.commander':
      return { type: 'COMMANDER.SET', at, actor, commanderId: p.commanderId as string };
    case 'run.status-update':
      return { type: 'STATUS.UPDATE', at, actor, ...note };
    case 'run.close':
      return { type: 'RUN.CLOSE', at, actor, summary: p.summary as string };
    default:
      return `${op.type} has no effect on a run`;
  }
}

const refused = (op: Op, reason: string): Verdict => ({ opId: op.id, effect: 'refused', reason });

/**
 * Re-derives a run from the set of its ops: the earliest run.start names the playbook (its own
 * copy of the YAML), the rest replay through the compiled machine in a fixed order. Ops the
 * machine does not take (a gate approved by the wrong role, a step of a closed run) are kept and
 * shown as refused. Every station holding the same ops writes the same row.
 */
export async function refoldRun(tx: Sql, runId: string, roles: RoleHistory): Promise<void> {
  const ops = await opsBySubject(tx, runId, RUN_OPS);
  const start = ops.find((o) => o.type === 'run.start');
  if (!start) {
    await deleteRun(tx, runId); // ops arrived before their run's start: it folds when that comes
    return;
  }
  await roles.load(ops.map((o) => o.actor));
  const verdicts: Verdict[] = [];
  const payload = start.payload as z.output<typeof RunStartV1>;
  const starterRole = roles.roleAt(start.actor, start.hlc);
  const compiled = compiledOf(payload.playbook);
  const why =
    'problem' in compiled
      ? `the playbook does not validate: ${compiled.problem}`
      : starterRole !== 'admin' && starterRole !== 'lead'
        ? 'only an admin or a lead may start a playbook'
        : null;
  if (why || 'problem' in compiled) {
    await deleteRun(tx, runId);
    await writeEffects(
      tx,
      runId,
      ops.map((o) => refused(o, why ?? 'refused')),
    );
    return;
  }
  const startedAt = whenOf(start);
  const run = createActor(compiled.machine, {
    input: {
      runId,
      startedAt,
      startedBy: { id: start.actor, role: starterRole as 'admin' | 'lead' },
      commanderId: payload.commanderId,
      ...(payload.severity && { severity: payload.severity }),
    },
  }).start();
  verdicts.push({ opId: start.id, effect: 'applied', reason: null });
  const rest = ops
    .filter((o) => o !== start)
    .sort((a, b) => (replayKey(a) < replayKey(b) ? -1 : 1));
  for (const op of rest) {
    if (op.type === 'run.start') {
      verdicts.push(refused(op, 'this run was already started'));
      continue;
    }
    const event = eventOf(op, roles);
    if (typeof event === 'string') {
      verdicts.push(refused(op, event));
      continue;
    }
    const before = JSON.stringify(run.getSnapshot());
    run.send(event);
    verdicts.push(
      JSON.stringify(run.getSnapshot()) === before
        ? refused(
            op,
            op.type === 'timer.fired'
              ? 'the deadline had already been met or acted on'
              : 'not allowed for this role or at this point of the run',
          )
        : { opId: op.id, effect: 'applied', reason: null },
    );
  }
  const snap = run.getSnapshot();
  run.stop();
  await writeRun(tx, {
    id: runId,
    playbook: compiled.playbook,
    version: payload.playbook.version,
    engine: RUN_ENGINE,
    state: snap.status === 'done' ? 'closed' : String(snap.value),
    startedBy: start.actor,
    context: snap.context,
  });
  await writeEffects(tx, runId, verdicts);
}

/** Re-derives runs cached by another engine version (after an upgrade), one transaction each. */
export async function refoldStaleRuns(db: Db): Promise<number> {
  const stale = await db.all<{ id: string }>('SELECT id FROM runs WHERE engine <> ?', [RUN_ENGINE]);
  for (const { id } of stale) await db.transaction((tx) => refoldRun(tx, id, new RoleHistory(tx)));
  return stale.length;
}
