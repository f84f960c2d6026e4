import type { Sql } from '../db/connection';
import { listRuns, runById, type RunRow } from '../db/queries/runs';
import type { RunDetail, RunSummary } from '../../../shared/contract/runs';
import { playbookOfStart } from '../ops/reducers/runs';
import { blockers } from '../../../shared/playbooks/run-logic';
import type { RunContext } from '../../../shared/playbooks/run-types';
import type { Playbook } from '../../../shared/playbooks/schema';
import type { Severity } from '../../../shared/playbooks/severity';

type StartOf = {
  playbook: Playbook;
  mentionIds: string[];
  topics: string[];
  alertId: string | null;
};

/** What a run started with, from its own run.start op (the playbook version it started with). */
async function startOfRun(sql: Sql, runId: string): Promise<StartOf | null> {
  const row = await sql.get<{
    pb: string;
    version: string;
    yaml: string;
    mentions: string | null;
    topics: string | null;
    alert: string | null;
  }>(
    `SELECT payload->>'$.playbook.id' AS pb, payload->>'$.playbook.version' AS version,
       payload->>'$.playbook.yaml' AS yaml, payload->'$.mentionIds' AS mentions,
       payload->'$.topics' AS topics, payload->>'$.alertId' AS alert
     FROM ops WHERE subject = ? AND type = 'run.start' ORDER BY hlc LIMIT 1`,
    [runId],
  );
  if (!row) return null;
  // The reducer has this version compiled already: parsing the YAML again for every view is waste.
  const playbook = playbookOfStart({ id: row.pb, version: row.version, yaml: row.yaml });
  if (!playbook) return null;
  return {
    playbook,
    mentionIds: JSON.parse(row.mentions ?? '[]') as string[],
    topics: JSON.parse(row.topics ?? '[]') as string[],
    alertId: row.alert,
  };
}

function summaryOf(r: RunRow, ctx: RunContext, pb: Playbook | null): RunSummary {
  const next = r.next_due;
  return {
    id: r.id,
    playbookId: r.playbook_id,
    playbookName: r.playbook_name,
    state: r.state,
    severity: r.severity as Severity,
    commanderId: r.commander_id,
    startedAt: r.started_at,
    closedAt: r.closed_at,
    nextDue: next === null ? null : new Date(next).toISOString(),
    blockers: pb && !ctx.closed ? blockers(pb, ctx) : [],
  };
}

/** A run with its playbook and state, for the run board. */
export async function runDetail(sql: Sql, runId: string): Promise<RunDetail | null> {
  const row = await runById(sql, runId);
  if (!row) return null;
  const start = await startOfRun(sql, runId);
  if (!start) return null;
  const context = JSON.parse(row.context) as RunContext;
  return { ...summaryOf(row, context, start.playbook), ...start, context };
}

/** Runs as lists show them (open first, newest first). */
export async function runSummaries(sql: Sql, ids?: readonly string[]): Promise<RunSummary[]> {
  const rows = (await listRuns(sql)).filter((r) => !ids || ids.includes(r.id));
  const out: RunSummary[] = [];
  for (const r of rows)
    out.push(
      summaryOf(
        r,
        JSON.parse(r.context) as RunContext,
        (await startOfRun(sql, r.id))?.playbook ?? null,
      ),
    );
  return out;
}
