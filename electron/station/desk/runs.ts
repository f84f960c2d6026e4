import { z } from 'zod';
import { RunActSchema, StartRunSchema, type PlaybookEntry } from '../../../shared/contract/runs';
import { formatProblem } from '../../../shared/playbooks/parse-playbook';
import { bundledPlaybook, bundledPlaybooks } from '../playbooks/library';
import { actOnRun, startRun } from '../playbooks/run-commands';
import { runDetail, runSummaries } from '../playbooks/run-views';
import type { StationCore } from '../core/core';
import { DeskError, NoInput, handler, type DeskHandlerMap } from './handler';
import path from 'node:path';

async function detailOf(core: StationCore, runId: string) {
  const run = await runDetail(core.read, runId);
  if (!run) throw new DeskError('not-found', `no run with id ${runId}`);
  return { run };
}

/** Handlers of the playbooks domain. */
export const runHandlers: DeskHandlerMap<
  'playbook.list' | 'run.list' | 'run.get' | 'run.start' | 'run.act'
> = {
  'playbook.list': handler({
    input: NoInput,
    permission: 'mention.read',
    run: async () => ({
      playbooks: (await bundledPlaybooks()).map((r): PlaybookEntry =>
        r.ok
          ? {
              id: r.playbook.id,
              file: path.basename(r.file),
              name: r.playbook.name,
              summary: r.playbook.summary,
              phases: r.playbook.phases.length,
              steps: r.playbook.phases.reduce((n, p) => n + p.steps.length, 0),
              problems: [],
            }
          : {
              id: null,
              file: path.basename(r.file),
              name: null,
              summary: null,
              phases: 0,
              steps: 0,
              problems: r.problems.map(formatProblem),
            },
      ),
    }),
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
      const found = await bundledPlaybook(input.playbookId);
      if (!found)
        throw new DeskError('not-found', `no playbook "${input.playbookId}" in the library`);
      const row = await startRun(core, operator.id, {
        yaml: found.yaml,
        playbookId: input.playbookId,
        commanderId: input.commanderId ?? operator.id,
        ...(input.severity && { severity: input.severity }),
        ...(input.mentionIds && { mentionIds: input.mentionIds }),
        ...(input.topics && { topics: input.topics }),
      });
      return detailOf(core, row.id);
    },
  }),
  'run.act': handler({
    input: RunActSchema,
    permission: 'run.work',
    run: async ({ core, operator }, { runId, action }) => {
      await actOnRun(core, operator.id, runId, action);
      return detailOf(core, runId);
    },
  }),
};
