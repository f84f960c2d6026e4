import { randomBytes } from 'node:crypto';
import { hashPassword } from '../auth/password';
import type { ApprovalArea } from '../../../shared/messaging/policy';
import type { StationCore } from '../core/core';
import { getRoom, operatorByUsername } from '../db/queries/people';
import { SYSTEM_ACTOR, type OpDraft } from '../ops/op';
import { joinCodeHash } from './join-proof';
import { sha256Hex } from '../ops/op-id';
import type { Department, Role } from '../../../shared/domain/people';
import type { RoomMode } from '../../../shared/domain/room-mode';
import { newRoomRecovery } from './recovery-key';

/**
 * What creating a war room hands back. The join code is shown once and stored only as a hash;
 * the recovery code is shown once and stored nowhere (only its public key is in the log).
 */
export type CreatedRoom = {
  stationId: string;
  warRoom: string;
  warRoomId: string;
  joinCode: string;
  recoveryCode: string;
  adminId: string;
};

const JOIN_CODE_DAYS = 7;
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A join code people can read aloud: HL- and three groups of four, no look-alike letters. */
export function newJoinCode(): string {
  const bytes = randomBytes(12);
  const chars = [...bytes].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]);
  return `HL-${chars.slice(0, 4).join('')}-${chars.slice(4, 8).join('')}-${chars.slice(8, 12).join('')}`;
}

function joinCodeOp(actor: string, code: string, expires: Date): OpDraft {
  const payload = { codeHash: joinCodeHash(code), expiresAt: expires.toISOString() };
  return { type: 'room.join-code', v: 1, actor, subject: 'join-codes', payload };
}

/** A new join code for the room, made by an admin; only its hash is stored and replicated. */
export async function mintJoinCode(
  core: StationCore,
  actor: string,
  hours = JOIN_CODE_DAYS * 24,
): Promise<{ code: string; expiresAt: string }> {
  const code = newJoinCode();
  const expires = new Date(Date.now() + hours * 3_600_000);
  await core.commit([joinCodeOp(actor, code, expires)]);
  return { code, expiresAt: expires.toISOString() };
}

/** An account's id: derived from room and username, so two desks creating "ana" make one account. */
export function operatorIdOf(roomId: string, username: string): string {
  return 'u-' + sha256Hex(`${roomId}\n${username}`).slice(0, 20);
}

/** Thrown when a room already exists in this data folder. */
export class RoomExistsError extends Error {}

/** First start: creates the war room, admits this station and creates the admin account. */
export async function createWarRoom(
  core: StationCore,
  input: {
    warRoom: string;
    username: string;
    displayName: string;
    password: string;
    /** A drill room (a rehearsal); live when left out. */
    mode?: RoomMode | undefined;
  },
): Promise<CreatedRoom> {
  const existing = await getRoom(core.db);
  if (existing)
    throw new RoomExistsError(`this station already belongs to the war room "${existing.name}"`);
  const warRoomId = 'wr-' + randomBytes(8).toString('hex');
  const adminId = operatorIdOf(warRoomId, input.username);
  const joinCode = newJoinCode();
  const passwordHash = await hashPassword(input.password);
  const recovery = newRoomRecovery(warRoomId, SYSTEM_ACTOR);
  await core.commit([
    {
      // A live room's genesis stays v1, which every version reads; a drill room needs v2, a
      // training room v3.
      ...(input.mode === 'drill' || input.mode === 'training'
        ? {
            v: input.mode === 'drill' ? 2 : 3,
            payload: { roomId: warRoomId, name: input.warRoom, mode: input.mode },
          }
        : { v: 1, payload: { roomId: warRoomId, name: input.warRoom } }),
      type: 'room.create',
      actor: SYSTEM_ACTOR,
      subject: 'room',
    },
    {
      type: 'station.admit',
      v: 1,
      actor: SYSTEM_ACTOR,
      subject: core.stationId,
      payload: {
        stationId: core.stationId,
        publicKey: core.key.publicKeyPem,
        name: 'first station',
        tlsCert: core.tls.cert,
      },
    },
    {
      type: 'operator.create',
      v: 1,
      actor: SYSTEM_ACTOR,
      subject: adminId,
      payload: {
        operatorId: adminId,
        username: input.username,
        displayName: input.displayName,
        role: 'admin',
        departments: [],
        passwordHash,
      },
    },
    joinCodeOp(adminId, joinCode, new Date(Date.now() + JOIN_CODE_DAYS * 86_400_000)),
    recovery.draft,
  ]);
  return {
    stationId: core.stationId,
    warRoom: input.warRoom,
    warRoomId,
    joinCode,
    recoveryCode: recovery.code,
    adminId,
  };
}

/** Thrown when a username is already taken. */
export class UsernameTakenError extends Error {}

/** Creates an operator account on behalf of an admin. */
export async function createOperator(
  core: StationCore,
  actor: string,
  input: {
    username: string;
    displayName: string;
    password: string;
    role: Role;
    departments: Department[];
    areas?: ApprovalArea[];
  },
): Promise<string> {
  const room = await getRoom(core.db);
  if (!room) throw new Error('no war room yet');
  if (await operatorByUsername(core.db, input.username))
    throw new UsernameTakenError(`the username "${input.username}" is taken`);
  const operatorId = operatorIdOf(room.id, input.username);
  await core.commit([
    {
      type: 'operator.create',
      v: 1,
      actor,
      subject: operatorId,
      payload: {
        operatorId,
        username: input.username,
        displayName: input.displayName,
        role: input.role,
        departments: input.departments,
        ...(input.areas && input.areas.length > 0 && { areas: input.areas }),
        passwordHash: await hashPassword(input.password),
      },
    },
  ]);
  return operatorId;
}
