import type { Migration } from './types';

/**
 * Whether the room is closed (read-only), folded from room.close / room.reopen ops; and a third
 * room mode, training (SQLite cannot change a CHECK, so the room table is rebuilt).
 */
export const migration: Migration = {
  id: 22,
  name: 'room-closure',
  up: `
    CREATE TABLE room_closure (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      op_id TEXT NOT NULL,
      closed_hlc TEXT NOT NULL,
      closed_by TEXT NOT NULL,
      reason TEXT
    );
    CREATE TABLE room_v24 (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      created_hlc TEXT NOT NULL,
      mode TEXT NOT NULL DEFAULT 'live' CHECK (mode IN ('live', 'drill', 'training'))
    );
    INSERT INTO room_v24 (id, name, created_hlc, mode) SELECT id, name, created_hlc, mode FROM room;
    DROP TABLE room;
    ALTER TABLE room_v24 RENAME TO room;
  `,
};
