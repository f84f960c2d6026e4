import type { StationCore } from '../core/core';
import { toOperator } from '../db/queries/people';
import type { Operator } from '../../../shared/domain/people';
import { hashPassword } from './password';
import { checkCredentials, openSession } from './sessions';

/**
 * An account sets its own password (after an admin's reset asked it to): an `operator.update` by
 * the account itself carrying the new scrypt hash, which every reducer allows for one's own
 * password only. Answers a new session, or null when the current password is wrong.
 */
export async function changeOwnPassword(
  core: StationCore,
  username: string,
  currentPassword: string,
  newPassword: string,
): Promise<{ token: string; operator: Operator } | null> {
  const row = await checkCredentials(core.db, username, currentPassword);
  if (!row) return null;
  const passwordHash = await hashPassword(newPassword);
  await core.commit([
    {
      type: 'operator.update',
      v: 1,
      actor: row.id,
      subject: row.id,
      payload: { operatorId: row.id, passwordHash, mustChangePassword: false },
    },
  ]);
  // After the commit: the change ended the account's older sessions, not this one.
  return { token: await openSession(core.db, row.id), operator: toOperator(row) };
}
