import type { StationCore } from '../core/core';
import { operatorById } from '../db/queries/people';
import { hashPassword } from './password';

/** Thrown when the account to reset does not exist. */
export class NoSuchAccountError extends Error {}

/**
 * An admin sets a new password for an account: an `operator.update` carrying only the scrypt
 * hash (the password never leaves this station), which every station applies — and ends the
 * account's sessions there as it does (reducers/people.ts).
 */
export async function resetPassword(
  core: StationCore,
  actor: string,
  operatorId: string,
  password: string,
  /** The operator must choose a new password at next login. */
  mustChange = false,
): Promise<void> {
  if (!(await operatorById(core.read, operatorId)))
    throw new NoSuchAccountError(`no account with id ${operatorId}`);
  const passwordHash = await hashPassword(password);
  await core.commit([
    {
      type: 'operator.update',
      v: 1,
      actor,
      subject: operatorId,
      payload: { operatorId, passwordHash, ...(mustChange && { mustChangePassword: true }) },
    },
  ]);
}
