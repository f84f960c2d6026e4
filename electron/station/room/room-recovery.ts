import { hashPassword } from '../auth/password';
import type { StationCore } from '../core/core';
import type { Sql } from '../db/connection';
import { getRoom, operatorByUsername } from '../db/queries/people';
import { RECOVERY_ACTOR, RoomRecoverV1, type RoomRecover } from '../ops/recovery-payloads';
import { recoverRefusal, type RecoveryState } from '../ops/reducers/recovery';
import { RoleHistory } from '../ops/reducers/roles';
import type { Department } from '../../../shared/domain/people';
import { newRecoveryCode, recoveryKeyOf, signRecovery } from './recovery-code';
import { operatorIdOf } from './war-room';
import { newRoomRecovery } from './recovery-key';

/** Why a recovery was refused before anything was written (wrong or used code, no room). */
export class RecoveryRefused extends Error {}

/** Where this station's copy of the room stands on recovery. */
export async function recoveryStateOf(sql: Sql): Promise<RecoveryState> {
  const roles = new RoleHistory(sql);
  await roles.recovery.load();
  return roles.recovery.state();
}

/** A signed recovery, ready to record, and the fresh code that replaces the used one. */
export type PreparedRecovery = { payload: RoomRecover; nextCode: string };

/**
 * Checks a recovery code against the room as this station holds it and, when it is the code in
 * force, signs a recovery that makes `username` an admin with this password (an existing account
 * keeps its name and departments). Throws RecoveryRefused for a wrong or used code.
 */
export async function prepareRecovery(
  sql: Sql,
  input: { code: string; username: string; password: string; displayName?: string | undefined },
): Promise<PreparedRecovery> {
  const room = await getRoom(sql);
  if (!room) throw new RecoveryRefused('this station belongs to no war room');
  const state = await recoveryStateOf(sql);
  if (state.key === null)
    throw new RecoveryRefused('this war room has no recovery code (it was made without one)');
  const key = recoveryKeyOf(input.code, room.id);
  if (state.used.has(key.publicKeyPem))
    throw new RecoveryRefused('this recovery code was already used; each code works once');
  if (state.replaced.has(key.publicKeyPem))
    throw new RecoveryRefused('this recovery code was replaced by a newer one (an admin made it)');
  if (key.publicKeyPem !== state.key)
    throw new RecoveryRefused('wrong recovery code for this war room; nothing was changed');
  const existing = await operatorByUsername(sql, input.username);
  const nextCode = newRecoveryCode();
  const signed = {
    roomId: room.id,
    operatorId: existing?.id ?? operatorIdOf(room.id, input.username),
    username: input.username,
    displayName: existing?.display_name ?? input.displayName ?? input.username,
    departments: existing ? (JSON.parse(existing.departments) as Department[]) : [],
    passwordHash: await hashPassword(input.password),
    recoveryKey: key.publicKeyPem,
    nextRecoveryKey: recoveryKeyOf(nextCode, room.id).publicKeyPem,
  };
  return { payload: { ...signed, signature: signRecovery(key, signed) }, nextCode };
}

/**
 * Records a signed recovery on this station, after checking it against the room's recovery
 * state here (the reducer checks again on every station). Answers the recovered account's id.
 */
export async function recordRecovery(core: StationCore, payload: unknown): Promise<string> {
  const parsed = RoomRecoverV1.safeParse(payload);
  if (!parsed.success) throw new RecoveryRefused('not a recovery of this war room');
  const room = await getRoom(core.read);
  if (!room || room.id !== parsed.data.roomId)
    throw new RecoveryRefused('not a recovery of this war room');
  const refusal = recoverRefusal(await recoveryStateOf(core.read), parsed.data);
  if (refusal !== null) throw new RecoveryRefused(refusal);
  const p = parsed.data;
  await core.commit([
    { type: 'room.recover', v: 1, actor: RECOVERY_ACTOR, subject: p.operatorId, payload: p },
  ]);
  return p.operatorId;
}

/**
 * An admin replaces the room's recovery code (a room made before recovery codes, or a code that
 * may have been seen): the new code is shown once, the old one stops working on every station.
 */
export async function renewRecoveryCode(core: StationCore, actor: string): Promise<string> {
  const room = await getRoom(core.read);
  if (!room) throw new RecoveryRefused('this station belongs to no war room');
  const { code, draft } = newRoomRecovery(room.id, actor);
  await core.commit([draft]);
  return code;
}
