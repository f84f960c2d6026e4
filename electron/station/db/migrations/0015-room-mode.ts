import type { Migration } from './types';

/**
 * A room's mode (shared/domain/room-mode.ts): live, or a drill whose data is a rehearsal. Rooms
 * made before are live.
 */
export const migration: Migration = {
  id: 15,
  name: 'room-mode',
  up: `ALTER TABLE room ADD COLUMN mode TEXT NOT NULL DEFAULT 'live' CHECK (mode IN ('live', 'drill'));`,
};
