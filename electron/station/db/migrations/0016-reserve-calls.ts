import type { Migration } from './types';

/**
 * What calling each on-call reserve came to, per level change that called them in (the latest
 * reserves.answer by a lead wins). The reserves list itself is a room setting (room_config).
 */
export const migration: Migration = {
  id: 16,
  name: 'reserve-calls',
  up: `
    CREATE TABLE reserve_calls (
      change_op TEXT NOT NULL,
      reserve_id TEXT NOT NULL,
      outcome TEXT NOT NULL CHECK (outcome IN ('coming', 'no-answer', 'declined')),
      by TEXT NOT NULL,
      hlc TEXT NOT NULL,
      op_id TEXT NOT NULL,
      PRIMARY KEY (change_op, reserve_id)
    ) STRICT;
  `,
};
