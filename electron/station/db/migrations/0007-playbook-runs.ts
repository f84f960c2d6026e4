import type { Migration } from './types';

/**
 * Playbook runs (issue "Crisis playbooks"): each row is the cached state of one run, derived by
 * replaying the run's ops through its playbook's machine. The playbook version and the engine
 * version stand beside the cached state, so a snapshot made by other code is never trusted as is.
 * `next_due` is the earliest deadline, for the scheduler.
 */
export const migration: Migration = {
  id: 7,
  name: 'playbook-runs',
  up: `
    CREATE TABLE runs (
      id TEXT PRIMARY KEY,
      playbook_id TEXT NOT NULL,
      playbook_name TEXT NOT NULL,
      playbook_version TEXT NOT NULL,
      engine INTEGER NOT NULL,
      state TEXT NOT NULL,
      severity TEXT NOT NULL,
      commander_id TEXT NOT NULL,
      started_at TEXT NOT NULL,
      started_by TEXT NOT NULL,
      closed_at TEXT,
      context TEXT NOT NULL,
      next_due INTEGER
    ) STRICT;
    CREATE INDEX runs_next_due ON runs (next_due) WHERE next_due IS NOT NULL;
  `,
};
