import type { Sql } from '../connection';
import type { RunContext } from '../../../../shared/playbooks/run-types';
import type { Playbook } from '../../../../shared/playbooks/schema';

/** A run's row as the reducer writes it. */
export type RunRowInput = {
  id: string;
  playbook: Playbook;
  version: string;
  engine: number;
  state: string;
  startedBy: string;
  context: RunContext;
};

/** The earliest deadline of a run not yet acted on, or null. */
export function nextDue(ctx: RunContext): number | null {
  if (ctx.closed) return null;
  const open = Object.entries(ctx.deadlines)
    .filter(([key, due]) => !ctx.fired.includes(`${key}@${due}`))
    .map(([, due]) => due);
  return open.length > 0 ? Math.min(...open) : null;
}

/** Writes (or replaces) a run's cached state. */
export async function writeRun(tx: Sql, r: RunRowInput): Promise<void> {
  await tx.run(
    `INSERT OR REPLACE INTO runs (id, playbook_id, playbook_name, playbook_version, engine, state,
       severity, commander_id, started_at, started_by, closed_at, context, next_due)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      r.id,
      r.playbook.id,
      r.playbook.name,
      r.version,
      r.engine,
      r.state,
      r.context.severity,
      r.context.commanderId,
      new Date(r.context.startedAt).toISOString(),
      r.startedBy,
      r.context.closed ? new Date(r.context.closed.at).toISOString() : null,
      JSON.stringify(r.context),
      nextDue(r.context),
    ],
  );
}

/** Removes a run's cached state (its start is not here yet, or was refused). */
export async function deleteRun(tx: Sql, id: string): Promise<void> {
  await tx.run('DELETE FROM runs WHERE id = ?', [id]);
}

/** A run as stored. */
export type RunRow = {
  id: string;
  playbook_id: string;
  playbook_name: string;
  playbook_version: string;
  engine: number;
  state: string;
  severity: string;
  commander_id: string;
  started_at: string;
  started_by: string;
  closed_at: string | null;
  context: string;
  next_due: number | null;
};

/** Runs with a deadline due by `nowMs` (for the scheduler). */
export async function dueRuns(sql: Sql, nowMs: number): Promise<RunRow[]> {
  return sql.all<RunRow>(
    'SELECT * FROM runs WHERE next_due IS NOT NULL AND next_due <= ? ORDER BY next_due LIMIT 200',
    [nowMs],
  );
}

/** Every run, open ones first, newest first. */
export async function listRuns(sql: Sql): Promise<RunRow[]> {
  return sql.all<RunRow>(
    'SELECT * FROM runs ORDER BY closed_at IS NOT NULL, started_at DESC LIMIT 500',
  );
}

/** One run. */
export async function runById(sql: Sql, id: string): Promise<RunRow | undefined> {
  return sql.get<RunRow>('SELECT * FROM runs WHERE id = ?', [id]);
}
