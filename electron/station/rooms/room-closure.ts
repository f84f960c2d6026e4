import type { StationCore } from '../core/core';
import type { RoomClosed } from '../../../shared/contract/room';
import { hlcToIso } from '../../../shared/sync/hlc';
import { getRoom, operatorById } from '../db/queries/people';
import { roomClosureOf } from '../db/queries/room-closure';
import type { Sql } from '../db/connection';
import { CLOSURE_SUBJECT } from '../ops/closure-payloads';

/** Refused: closing a closed room, reopening an open one, or a station with no room yet. */
export class ClosureRefused extends Error {}

/** The room's closure as desks show it (null while open). */
export async function roomClosedView(sql: Sql): Promise<RoomClosed | null> {
  const c = await roomClosureOf(sql);
  if (!c) return null;
  const by = await operatorById(sql, c.by);
  return { at: hlcToIso(c.hlc), byId: c.by, byName: by?.display_name ?? c.by, reason: c.reason };
}

/** Closes the room for every desk of it (the caller checked the actor is an admin). */
export async function closeRoom(
  core: StationCore,
  actor: string,
  reason: string | undefined,
): Promise<RoomClosed | null> {
  const room = await getRoom(core.db);
  if (!room) throw new ClosureRefused('this station has no war room yet');
  if (core.closedRoom) throw new ClosureRefused('the room is already closed');
  await core.commit([
    {
      type: 'room.close',
      v: 1,
      actor,
      subject: CLOSURE_SUBJECT,
      payload: { roomId: room.id, ...(reason ? { reason } : {}) },
    },
  ]);
  return roomClosedView(core.read);
}

/** Reopens a closed room. */
export async function reopenRoom(core: StationCore, actor: string): Promise<RoomClosed | null> {
  const room = await getRoom(core.db);
  if (!room) throw new ClosureRefused('this station has no war room yet');
  if (!core.closedRoom) throw new ClosureRefused('the room is open');
  await core.commit([
    { type: 'room.reopen', v: 1, actor, subject: CLOSURE_SUBJECT, payload: { roomId: room.id } },
  ]);
  return roomClosedView(core.read);
}
