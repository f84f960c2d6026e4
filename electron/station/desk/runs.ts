import { z } from 'zod';
import {
  ImportPlaybookSchema,
  RunActSchema,
  StartRunSchema,
  type PlaybookEntry,
} from '../../../shared/contract/runs';
import { formatProblem } from '../../../shared/playbooks/parse-playbook';
import { severityFromTriggers } from '../../../shared/playbooks/triggers';
import {
  importPlaybook,
  libraryPlaybook,
  libraryPlaybooks,
  type LibraryEntry,
} from '../playbooks/library';
import { actOnRun, startRun } from '../playbooks/run-commands';
import { runDetail, runSummaries } from '../playbooks/run-views';
import type { StationCore } from '../core/core';
import { DeskError, NoInput, handler, type DeskHandlerMap } from './handler';
import path from 'node:path';
import type { AlertView } from '../../../shared/contract/runs';
import { alertById, listAlerts, runsByAlert, type AlertRow } from '../db/queries/alerts';
import { mentionsByIds } from '../db/queries/mention-reads';

/** A library entry as desks see it. */
function entryOf(r: LibraryEntry): PlaybookEntry {
  const base = { file: path.basename(r.file), source: r.source };
  return r.ok
    ? {
        ...base,
        id: r.playbook.id,
        name: r.playbook.name,
        summary: r.playbook.summary,
        phases: r.playbook.phases.length,
        steps: r.playbook.phases.reduce((n, p) => n + p.steps.length, 0),
        problems: [],
      }
    : {
        ...base,
        id: null,
        name: null,
        summary: null,
        phases: 0,
        steps: 0,
        problems: r.problems.map(formatProblem),
      };
}

/** An alert row as the inbox shows it, with the runs started from it. */
function viewOf(row: AlertRow, runIds: string[]): AlertView {
  const a = JSON.parse(row.body) as Omit<
    AlertView,
    'windowStart' | 'windowEnd' | 'raised' | 'runIds'
  > & {
    windowStart: number;
    windowEnd: number;
  };
  return {
    ...a,
    windowStart: new Date(a.windowStart).toISOString(),
    windowEnd: new Date(a.windowEnd).toISOString(),
    raised: row.raised,
    runIds,
  };
}

/** The room's alerts, newest first, with the runs started from each. */
async function alertViews(core: StationCore): Promise<AlertView[]> {
  const runs = await runsByAlert(core.read);
  return (await listAlerts(core.read)).map((row) => viewOf(row, runs.get(row.id) ?? []));
}

/** One alert (its runs are not needed where this is used). */
async function alertView(core: StationCore, id: string): Promise<AlertView | undefined> {
  const row = await alertById(core.read, id);
  return row && viewOf(row, []);
}

async function detailOf(core: StationCore, runId: string) {
  const run = await runDetail(core.read, runId);
  if (!run) throw new DeskError('not-found', `no run with id ${runId}`);
  return { run };
}

/** Handlers of the playbooks domain. */
export const runHandlers: DeskHandlerMap<
  | 'playbook.list'
  | 'playbook.get'
  | 'playbook.import'
  | 'run.list'
  | 'run.get'
  | 'run.start'
  | 'run.act'
  | 'alert.list'
  | 'alert.mentions'
> = {
  'alert.mentions': handler({
    input: z.object({ alertId: z.string().min(1).max(300) }).strict(),
    permission: 'mention.read',
    run: async ({ core }, { alertId }) => {
      const alert = await alertView(core, alertId);
      if (!alert) throw new DeskError('not-found', `no alert ${alertId}`);
      return { mentions: await mentionsByIds(core.read, alert.sampleRefs) };
    },
  }),
  'alert.list': handler({
    input: NoInput,
    permission: 'mention.read',
    run: async ({ core }) => ({ alerts: await alertViews(core) }),
  }),
  'playbook.list': handler({
    input: NoInput,
    permission: 'mention.read',
    run: async ({ core }) => ({ playbooks: (await libraryPlaybooks(core.dataDir)).map(entryOf) }),
  }),
  'playbook.get': handler({
    input: z.object({ playbookId: z.string().min(1).max(63) }).strict(),
    permission: 'mention.read',
    run: async ({ core }, { playbookId }) => {
      const found = await libraryPlaybook(core.dataDir, playbookId);
      if (!found) throw new DeskError('not-found', `no playbook "${playbookId}" in the library`);
      return { yaml: found.yaml, name: found.playbook.name };
    },
  }),
  'playbook.import': handler({
    input: ImportPlaybookSchema,
    permission: 'playbook.manage',
    run: async ({ core }, { yaml }) => {
      const parsed = await importPlaybook(core.dataDir, yaml);
      if (!parsed.ok) throw new DeskError('invalid', parsed.problems.map(formatProblem).join('\n'));
      const entry = (await libraryPlaybooks(core.dataDir)).find(
        (r) => r.ok && r.playbook.id === parsed.playbook.id,
      );
      if (!entry) throw new DeskError('internal', 'the playbook was not saved');
      return { playbook: entryOf(entry) };
    },
  }),
  'run.list': handler({
    input: NoInput,
    permission: 'mention.read',
    run: async ({ core }) => ({ runs: await runSummaries(core.read) }),
  }),
  'run.get': handler({
    input: z.object({ runId: z.string().min(1).max(64) }).strict(),
    permission: 'mention.read',
    run: ({ core }, { runId }) => detailOf(core, runId),
  }),
  'run.start': handler({
    input: StartRunSchema,
    permission: 'run.start',
    run: async ({ core, operator }, input) => {
      const found = await libraryPlaybook(core.dataDir, input.playbookId);
      if (!found)
        throw new DeskError('not-found', `no playbook "${input.playbookId}" in the library`);
      // A run started from an alert takes the alert's mentions and key (as its topic).
      const alert = input.alertId ? await alertView(core, input.alertId) : undefined;
      if (input.alertId && !alert) throw new DeskError('not-found', `no alert ${input.alertId}`);
      // Severity: as asked; else the playbook's triggers applied to the alert's figures; else the
      // alert's own suggestion; else the playbook's default.
      const severity =
        input.severity ??
        (alert
          ? (severityFromTriggers(found.playbook, {
              mentionsPerHour: alert.count,
              negativeShare: alert.negativeShare,
            }) ?? alert.suggestedSeverity)
          : undefined);

      const mentionIds = input.mentionIds ?? alert?.sampleRefs;
      const topics = input.topics ?? (alert ? [alert.key] : undefined);
      const row = await startRun(core, operator.id, {
        yaml: found.yaml,
        playbookId: input.playbookId,
        commanderId: input.commanderId ?? operator.id,
        ...(severity && { severity }),
        ...(mentionIds && { mentionIds }),
        ...(topics && { topics }),
        ...(input.alertId && { alertId: input.alertId }),
      });
      return detailOf(core, row.id);
    },
  }),
  'run.act': handler({
    input: RunActSchema,
    permission: 'run.work',
    run: async ({ core, operator }, { runId, action, occurredAt }) => {
      await actOnRun(core, operator.id, runId, action, occurredAt);
      return detailOf(core, runId);
    },
  }),
};
