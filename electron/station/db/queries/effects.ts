import type { Sql } from '../connection';

/** What an op did (null for ops without a recorded effect, such as ingests). */
export async function effectOf(
  sql: Sql,
  opId: string,
): Promise<{ effect: string; reason: string | null } | undefined> {
  return sql.get('SELECT effect, reason FROM op_effects WHERE op_id = ?', [opId]);
}
