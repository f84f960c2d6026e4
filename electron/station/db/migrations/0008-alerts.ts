import type { Migration } from './types';

/**
 * Alerts (issue "Crisis playbooks"): one row per alert id, as its earliest `alert.raised` op has
 * it; `raised` counts the ops (several stations may raise the same alert).
 */
export const migration: Migration = {
  id: 8,
  name: 'alerts',
  up: `
    CREATE TABLE alerts (
      id TEXT PRIMARY KEY,
      rule TEXT NOT NULL,
      key TEXT NOT NULL,
      window_start INTEGER NOT NULL,
      window_end INTEGER NOT NULL,
      severity TEXT NOT NULL,
      body TEXT NOT NULL,
      first_op TEXT NOT NULL,
      first_hlc TEXT NOT NULL,
      raised INTEGER NOT NULL DEFAULT 1
    ) STRICT;
    CREATE INDEX alerts_window ON alerts (window_end);
  `,
};
