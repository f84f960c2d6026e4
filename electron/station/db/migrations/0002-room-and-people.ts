import type { Migration } from './types';

/** The war room, its member stations, operator accounts and local login sessions. */
export const migration: Migration = {
  id: 2,
  name: 'room-and-people',
  up: `
    CREATE TABLE room (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      created_hlc TEXT NOT NULL
    );
    CREATE TABLE stations (
      id TEXT PRIMARY KEY,
      public_key TEXT NOT NULL,
      name TEXT NOT NULL,
      admitted_hlc TEXT NOT NULL,
      admitted_by TEXT NOT NULL
    );
    CREATE TABLE operators (
      id TEXT PRIMARY KEY,
      username TEXT NOT NULL UNIQUE,
      display_name TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('admin', 'lead', 'approver', 'operator', 'observer')),
      departments TEXT NOT NULL DEFAULT '[]',
      password_hash TEXT NOT NULL,
      disabled INTEGER NOT NULL DEFAULT 0,
      created_hlc TEXT NOT NULL,
      updated_hlc TEXT NOT NULL
    );
    CREATE TABLE join_codes (
      code_hash TEXT PRIMARY KEY,
      expires_at TEXT NOT NULL,
      created_hlc TEXT NOT NULL
    );
    -- Local only (not replicated, not in the digest).
    CREATE TABLE sessions (
      token_hash TEXT PRIMARY KEY,
      operator_id TEXT NOT NULL REFERENCES operators (id),
      created_at TEXT NOT NULL,
      expires_at TEXT NOT NULL
    );
  `,
};
