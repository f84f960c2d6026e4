import type { StationCore } from '../core/core';
import { effectOf } from '../db/queries/effects';
import { operatorById } from '../db/queries/people';
import {
  memberIdentities,
  openClaimsOf,
  operatorRevocations,
  stationRevocations,
} from '../db/queries/revocations';
import { CommandError } from '../mentions/commands';
import type { OpDraft } from '../ops/op';

/**
 * Revokes another member station (a lost laptop) as `actor`: its ops up to the last seq of its
 * chain held here stay valid, later ones have no effect anywhere, and peers stop syncing with it.
 * Refused: this station itself, a non-member, one already revoked.
 */
export async function revokeStation(
  core: StationCore,
  actor: string,
  stationId: string,
  reason?: string,
): Promise<{ point: number }> {
  if (stationId === core.stationId)
    throw new CommandError(
      'invalid',
      'a station cannot revoke itself: revoke it from another desk of the room',
    );
  const member = (await memberIdentities(core.db)).find((m) => m.id === stationId);
  if (!member) throw new CommandError('not-found', `no station ${stationId} in this room`);
  if (member.revoked)
    throw new CommandError('conflict', `station ${member.name} is revoked already`);
  // The point is what this station holds of its chain: fixed in the op, so every station agrees.
  const point = core.vector()[stationId] ?? 0;
  const applied = await core.commit([
    {
      type: 'station.revoke',
      v: 1,
      actor,
      subject: stationId,
      payload: { stationId, point, ...(reason ? { reason } : {}) },
    },
  ]);
  const effect = await effectOf(core.db, applied.ops[0]?.id as string);
  if (effect?.effect !== 'applied')
    throw new CommandError('forbidden', effect?.reason ?? 'the revocation was refused');
  return { point };
}

/**
 * Revokes an account as `actor`: disabled for good, its sessions end on every station as the op
 * arrives (each disconnects its desks), and the mentions it holds are released by the admin in the
 * same commit. Its past work stays attributed to it. Refused: oneself, an unknown or revoked account.
 */
export async function revokeOperator(
  core: StationCore,
  actor: string,
  operatorId: string,
  reason?: string,
): Promise<{ releasedClaims: number }> {
  if (operatorId === actor)
    throw new CommandError('invalid', 'an admin cannot revoke their own account');
  if (!(await operatorById(core.db, operatorId)))
    throw new CommandError('not-found', `no account ${operatorId}`);
  if ((await operatorRevocations(core.db)).some((r) => r.operator_id === operatorId))
    throw new CommandError('conflict', 'this account is revoked already');
  const claimed = await openClaimsOf(core.db, operatorId);
  const drafts: OpDraft[] = [
    {
      type: 'operator.revoke',
      v: 1,
      actor,
      subject: operatorId,
      payload: { operatorId, ...(reason ? { reason } : {}) },
    },
    // What users expect of someone who left: what they held goes back to the queue.
    ...claimed.map((id) => ({
      type: 'mention.release',
      v: 1,
      actor,
      subject: id,
      payload: {},
    })),
  ];
  const applied = await core.commit(drafts);
  const effect = await effectOf(core.db, applied.ops[0]?.id as string);
  if (effect?.effect !== 'applied')
    throw new CommandError('forbidden', effect?.reason ?? 'the revocation was refused');
  return { releasedClaims: claimed.length };
}

/** Whether a station is revoked (for callers holding only its id). */
export async function isRevokedStation(core: StationCore, stationId: string): Promise<boolean> {
  return (await stationRevocations(core.read)).some((r) => r.station_id === stationId);
}
