import type { Migration } from './types';

/**
 * Surge staffing (issue "Surge staffing"): scheduled events with their forecast (the plan is
 * computed when read, never stored); the staffing level as the fold of every staffing op leaves
 * it (the machine's persisted snapshot and the last op folded, so the next op continues from it);
 * and every change of level, with why and the op that caused it, for every desk and the review.
 */
export const migration: Migration = {
  id: 11,
  name: 'events-and-staffing',
  up: `
    CREATE TABLE events (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      start_at TEXT NOT NULL,
      end_at TEXT NOT NULL,
      brands TEXT NOT NULL,
      topics TEXT NOT NULL,
      forecast TEXT NOT NULL,
      saved_by TEXT NOT NULL,
      saved_hlc TEXT NOT NULL,
      cancelled_hlc TEXT
    ) STRICT;
    CREATE INDEX events_start ON events (start_at);
    CREATE TABLE staffing_state (
      id TEXT PRIMARY KEY CHECK (id = 'room'),
      engine INTEGER NOT NULL,
      level TEXT NOT NULL CHECK (level IN ('normal', 'elevated', 'surge', 'standDown')),
      since INTEGER NOT NULL,
      mode TEXT NOT NULL CHECK (mode IN ('auto', 'manual')),
      summary TEXT NOT NULL,
      measurements TEXT,
      measured_at INTEGER,
      snapshot TEXT NOT NULL,
      last_hlc TEXT NOT NULL,
      last_op TEXT NOT NULL
    ) STRICT;
    CREATE TABLE staffing_changes (
      op_id TEXT PRIMARY KEY,
      hlc TEXT NOT NULL,
      at INTEGER NOT NULL,
      from_level TEXT NOT NULL,
      to_level TEXT NOT NULL,
      why TEXT NOT NULL,
      by TEXT,
      banner INTEGER NOT NULL,
      notify_reserves INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX staffing_changes_hlc ON staffing_changes (hlc);
  `,
};
