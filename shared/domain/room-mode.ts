import { z } from 'zod';

/**
 * What a war room is for: the real thing, or a drill (a rehearsal, e.g. a past event replayed at
 * speed). A room is made as one or the other and stays so; a drill room's data lives in its own
 * room, so it never mixes with a live room's (stations of different rooms never sync).
 */
export const ROOM_MODES = ['live', 'drill'] as const;
/** A room's mode. */
export type RoomMode = (typeof ROOM_MODES)[number];
/** zod schema for a room mode. */
export const RoomModeSchema = z.enum(ROOM_MODES);
