import type { Migration } from './types';

/**
 * Surge staffing, roster and shifts (issue "Surge staffing"): who is on shift where, with which
 * skills and capacity (one row per operator, as their check ops fold it); planned shifts; and
 * accounts that expire (surge accounts) with the skills they usually bring.
 */
export const migration: Migration = {
  id: 10,
  name: 'roster',
  up: `
    ALTER TABLE operators ADD COLUMN expires_at TEXT;
    ALTER TABLE operators ADD COLUMN skills TEXT NOT NULL DEFAULT '[]';
    CREATE TABLE roster (
      operator_id TEXT PRIMARY KEY,
      checked_in INTEGER NOT NULL,
      department TEXT,
      skills TEXT NOT NULL DEFAULT '[]',
      capacity INTEGER NOT NULL DEFAULT 3,
      since TEXT,
      desk_station TEXT,
      updated_hlc TEXT NOT NULL
    );
    CREATE INDEX roster_checked_in ON roster (checked_in, department);
    CREATE TABLE shifts (
      id TEXT PRIMARY KEY,
      operator_id TEXT NOT NULL,
      department TEXT NOT NULL,
      start TEXT NOT NULL,
      end TEXT NOT NULL,
      note TEXT,
      cancelled INTEGER NOT NULL DEFAULT 0,
      updated_hlc TEXT NOT NULL
    );
    CREATE INDEX shifts_start ON shifts (start);
  `,
};
