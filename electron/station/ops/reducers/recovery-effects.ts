import type { Sql } from '../../db/connection';
import { recoveryOps } from '../../db/queries/recovery';
import { writeEffects } from '../../db/queries/mention-writes';
import { RECOVERY_SUBJECT } from '../recovery-payloads';
import type { RoleHistory } from './roles';

/** Op types of the room's recovery fold (reducers/recovery.ts). */
export const RECOVERY_OPS: ReadonlySet<string> = new Set(['room.recovery-key', 'room.recover']);

/**
 * After recovery ops arrived (or the role of someone who set a recovery key changed): records the
 * verdicts on the room's recovery-key ops, and names every recovered account to re-derive from
 * `from` on, since one recovery op can change whether another applies.
 */
export async function recoveryEffects(
  tx: Sql,
  roles: RoleHistory,
  from: string,
): Promise<[string, string][]> {
  await roles.recovery.load();
  await writeEffects(tx, RECOVERY_SUBJECT, roles.recovery.keyVerdicts());
  const recovered = new Set<string>();
  for (const op of await recoveryOps(tx))
    if (op.type === 'room.recover' && op.subject) recovered.add(op.subject);
  return [...recovered].map((id) => [id, from]);
}
