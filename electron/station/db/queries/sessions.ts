import type { Sql } from '../connection';
import type { OperatorRow } from './people';

/** Ends every login session of an account on this station (sessions are local only). */
export async function deleteSessionsOf(tx: Sql, operatorId: string): Promise<void> {
  await tx.run('DELETE FROM sessions WHERE operator_id = ?', [operatorId]);
}

/** The password hash an account has now, if it exists. */
export async function passwordHashOf(sql: Sql, operatorId: string): Promise<string | null> {
  const row = await sql.get<{ password_hash: string }>(
    'SELECT password_hash FROM operators WHERE id = ?',
    [operatorId],
  );
  return row?.password_hash ?? null;
}

/** The account behind a stored session (whether or not the session itself has expired). */
export async function operatorOfSession(
  sql: Sql,
  tokenHash: string,
): Promise<OperatorRow | undefined> {
  return sql.get<OperatorRow>(
    `SELECT o.* FROM sessions s JOIN operators o ON o.id = s.operator_id WHERE s.token_hash = ?`,
    [tokenHash],
  );
}

/**
 * True when the account's password was last set by an admin's reset marked "must change": the
 * newest applied op that set its password says so (an own change or a recovery clears it).
 */
export async function passwordMustChange(sql: Sql, operatorId: string): Promise<boolean> {
  const row = await sql.get<{ must: number | null }>(
    `SELECT o.payload ->> '$.mustChangePassword' AS must FROM ops o
       JOIN op_effects e ON e.op_id = o.id AND e.effect = 'applied'
     WHERE o.subject = ? AND o.type IN ('operator.update', 'room.recover')
       AND o.payload ->> '$.passwordHash' IS NOT NULL
     ORDER BY o.hlc DESC LIMIT 1`,
    [operatorId],
  );
  return row?.must === 1;
}
