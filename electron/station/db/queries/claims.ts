import type { Sql } from '../connection';

/** Claims recorded on this station whose lease has run out. */
export async function expiredLocalClaims(
  sql: Sql,
  origin: string,
  nowIso: string,
  limit = 500,
): Promise<{ id: string; claim_op: string; claim_operator: string }[]> {
  return sql.all(
    `SELECT m.id, m.claim_op, m.claim_operator FROM mentions m JOIN ops o ON o.id = m.claim_op
     WHERE o.type <> 'mention.ingest' AND m.claim_op IS NOT NULL AND m.claim_expires < ? AND o.origin = ? LIMIT ?`,
    [nowIso, origin, limit],
  );
}

/** Mentions an operator holds by a claim recorded on this station (released when they log out). */
export async function localClaimsOf(
  sql: Sql,
  origin: string,
  operatorId: string,
): Promise<string[]> {
  const rows = await sql.all<{ id: string }>(
    `SELECT m.id FROM mentions m JOIN ops o ON o.id = m.claim_op
     WHERE m.claim_operator = ? AND o.origin = ? AND o.type = 'mention.claim'`,
    [operatorId, origin],
  );
  return rows.map((r) => r.id);
}
