import { z } from 'zod';

/** The subject of room.close and room.reopen ops: the room itself (one room per station). */
export const CLOSURE_SUBJECT = 'room-closure';

/**
 * room.close v1: an admin closes the room. From then on every station of the room records no new
 * work (the room is read-only); what stations made before they heard of it still merges.
 */
export const RoomCloseV1 = z.object({
  roomId: z.string().min(1).max(64),
  reason: z.string().trim().max(500).optional(),
});

/** room.reopen v1: an admin opens a closed room again. */
export const RoomReopenV1 = z.object({ roomId: z.string().min(1).max(64) });

/** Payload schemas of the room's closure ops. */
export const CLOSURE_PAYLOADS: Record<string, Record<number, z.ZodType>> = {
  'room.close': { 1: RoomCloseV1 },
  'room.reopen': { 1: RoomReopenV1 },
};

/** Op types of the closure fold. */
export const CLOSURE_OPS = ['room.close', 'room.reopen'] as const;
