import { z } from 'zod';

/**
 * What a war room is for: the real thing, a drill (a rehearsal, e.g. a past event replayed at
 * speed), or training (new and surge operators practise on replayed or typed-in mentions). A room
 * is made as one and stays so; a rehearsal's data lives in its own room, so it never mixes with a
 * live room's (stations of different rooms never sync).
 */
export const ROOM_MODES = ['live', 'drill', 'training'] as const;
/** A room's mode. */
export type RoomMode = (typeof ROOM_MODES)[number];
/** zod schema for a room mode. */
export const RoomModeSchema = z.enum(ROOM_MODES);

/** Rooms whose data is a rehearsal: past events may be replayed into them. */
export function isRehearsal(mode: string | null | undefined): boolean {
  return mode === 'drill' || mode === 'training';
}
