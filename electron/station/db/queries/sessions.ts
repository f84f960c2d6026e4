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
