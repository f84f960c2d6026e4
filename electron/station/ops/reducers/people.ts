import type { Sql } from '../../db/connection';
import { isKnownOp } from '../op-catalogue';
import { opsBySubject } from '../../db/queries/ops';
import {
  putJoinCode,
  putOperator,
  putRoom,
  putStation,
  type OperatorState,
} from '../../db/queries/people';
import { writeEffects } from '../../db/queries/mention-writes';
import type { Verdict } from '../../../../shared/domain/mention-state';
import { can } from '../../../../shared/domain/permissions';
import type { Op } from '../op';
import {
  JoinCodeV1,
  OperatorCreateV1,
  OperatorUpdateV1,
  RoomCreateV1,
  RoomCreateV2,
  RoomCreateV3,
  StationAdmitV1,
} from '../payloads';
import type { RoleHistory } from './roles';
import { RoomRecoverV1, type RoomRecover } from '../recovery-payloads';
import { deleteSessionsOf, passwordHashOf } from '../../db/queries/sessions';
import { deleteOperatorRow, putOperatorRevocation } from '../../db/queries/revocations';
import { OperatorRevokeV1 } from '../station-payloads';

/** Applies room, station and join-code ops (each keeps its earliest version by HLC). */
export async function applyRoomOp(tx: Sql, op: Op): Promise<void> {
  // A version this build does not read (a newer build's) has no effect here (DECISIONS.md 2),
  // and must not make the whole batch fail to parse.
  if (!isKnownOp(op.type, op.v)) return;
  if (op.type === 'room.create') {
    const p =
      op.v === 3
        ? RoomCreateV3.parse(op.payload)
        : op.v === 2
          ? RoomCreateV2.parse(op.payload)
          : { ...RoomCreateV1.parse(op.payload) };
    await putRoom(tx, p.roomId, p.name, op.hlc, 'mode' in p ? p.mode : 'live');
  } else if (op.type === 'station.admit') {
    const p = StationAdmitV1.parse(op.payload);
    await putStation(tx, {
      id: p.stationId,
      publicKey: p.publicKey,
      name: p.name,
      hlc: op.hlc,
      by: op.actor,
      tlsCert: p.tlsCert ?? null,
    });
  } else if (op.type === 'room.join-code') {
    const p = JoinCodeV1.parse(op.payload);
    await putJoinCode(tx, p.codeHash, p.expiresAt, op.hlc);
  }
}

/**
 * Re-derives one account from all of its ops in HLC order: the earliest create defines it, later
 * updates win field by field. Ops by an actor who was not an admin at the time are refused; a
 * recovery (by the room's recovery code) makes the account an admin, creating it if needed. When
 * the password changes, the account's sessions on this station end (each station does this as
 * the op reaches it).
 */
export async function refoldOperator(
  tx: Sql,
  operatorId: string,
  roles: RoleHistory,
): Promise<void> {
  const ops = await opsBySubject(tx, operatorId, [
    'operator.create',
    'operator.update',
    'room.recover',
    'operator.revoke',
  ]);
  let revocation: Parameters<typeof putOperatorRevocation>[2] = null;
  await roles.load([...ops.map((o) => o.actor), operatorId]);
  if (ops.some((o) => o.type === 'room.recover')) await roles.recovery.load();
  let state: OperatorState | null = null;
  const verdicts: Verdict[] = [];
  for (const op of ops) {
    if (op.type === 'room.recover') {
      const verdict = roles.recovery.verdictOf(op.id);
      if (verdict?.effect === 'applied') {
        state = recovered(state, RoomRecoverV1.parse(op.payload), op.hlc);
        revocation = null;
      }
      verdicts.push(
        verdict ?? { opId: op.id, effect: 'refused', reason: 'not a recovery of this room' },
      );
      continue;
    }
    const allowed =
      can(roles.roleAt(op.actor, op.hlc), 'operator.manage') || isOwnPasswordChange(op, roles);
    if (!allowed) {
      verdicts.push({ opId: op.id, effect: 'refused', reason: 'only an admin manages accounts' });
      continue;
    }
    if (op.type === 'operator.revoke') {
      const p = OperatorRevokeV1.safeParse(op.payload);
      if (!state || !p.success || p.data.operatorId !== operatorId) {
        verdicts.push({ opId: op.id, effect: 'refused', reason: 'no such account' });
        continue;
      }
      // The first revocation is the one on record; the account stays disabled from then on.
      revocation ??= {
        op_id: op.id,
        hlc: op.hlc,
        revoked_by: op.actor,
        reason: p.data.reason ?? null,
      };
      state = { ...state, disabled: true, updatedHlc: op.hlc };
    } else if (op.type === 'operator.create') {
      const p = OperatorCreateV1.parse(op.payload);
      if (state) {
        verdicts.push({ opId: op.id, effect: 'refused', reason: 'account already exists' });
        continue;
      }
      state = {
        id: p.operatorId,
        username: p.username,
        displayName: p.displayName,
        role: p.role,
        departments: p.departments,
        areas: p.areas ?? [],
        passwordHash: p.passwordHash,
        disabled: false,
        createdHlc: op.hlc,
        updatedHlc: op.hlc,
        expiresAt: p.expiresAt ?? null,
        skills: p.skills ?? [],
      };
    } else {
      const p = OperatorUpdateV1.parse(op.payload);
      if (!state) {
        verdicts.push({ opId: op.id, effect: 'refused', reason: 'no such account' });
        continue;
      }
      const next: OperatorState = { ...state, updatedHlc: op.hlc };
      if (p.displayName !== undefined) next.displayName = p.displayName;
      if (p.role !== undefined) next.role = p.role;
      if (p.departments !== undefined) next.departments = p.departments;
      if (p.areas !== undefined) next.areas = p.areas;
      if (p.passwordHash !== undefined) next.passwordHash = p.passwordHash;
      // A revoked account is not enabled again by an update (a recovery or a new account is).
      if (p.disabled !== undefined) next.disabled = p.disabled || revocation !== null;
      state = next;
    }
    verdicts.push({ opId: op.id, effect: 'applied', reason: null });
  }
  if (state) {
    const before = await passwordHashOf(tx, operatorId);
    if ((before !== null && before !== state.passwordHash) || state.disabled)
      await deleteSessionsOf(tx, operatorId);
    await putOperator(tx, state);
  } else {
    // An account whose creation lost its effect (its station revoked before it) is gone again.
    await deleteOperatorRow(tx, operatorId);
  }
  await putOperatorRevocation(tx, operatorId, revocation);
  await writeEffects(tx, operatorId, verdicts);
}

/** An account after a recovery: an admin again (enabled, no expiry) with the new password. */
function recovered(state: OperatorState | null, p: RoomRecover, hlc: string): OperatorState {
  if (state)
    return {
      ...state,
      role: 'admin',
      disabled: false,
      expiresAt: null,
      passwordHash: p.passwordHash,
      updatedHlc: hlc,
    };
  return {
    id: p.operatorId,
    username: p.username,
    displayName: p.displayName,
    role: 'admin',
    departments: p.departments,
    areas: [],
    passwordHash: p.passwordHash,
    disabled: false,
    createdHlc: hlc,
    updatedHlc: hlc,
    expiresAt: null,
    skills: [],
  };
}

// What an account may change of itself: its password (clearing an admin's "must change").
const OWN_PASSWORD_FIELDS = new Set(['operatorId', 'passwordHash', 'mustChangePassword']);

/** An active account setting its own password (after an admin's reset said it must). */
function isOwnPasswordChange(op: Op, roles: RoleHistory): boolean {
  if (op.type !== 'operator.update' || op.actor !== op.subject) return false;
  const p = OperatorUpdateV1.safeParse(op.payload);
  return (
    p.success &&
    p.data.operatorId === op.subject &&
    p.data.passwordHash !== undefined &&
    p.data.mustChangePassword !== true &&
    Object.keys(p.data).every((k) => OWN_PASSWORD_FIELDS.has(k)) &&
    roles.roleAt(op.actor, op.hlc) !== null
  );
}
