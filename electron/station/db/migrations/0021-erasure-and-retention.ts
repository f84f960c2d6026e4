import type { Migration } from './types';

/**
 * Erasure and retention (issue 9). `erasures` is the record of erasure.request ops as every
 * station judges them (who, when, the reference, salted hashes of the person's identifiers:
 * never their handle or text). `erasure_counts` is what each erasure (and retention, under the
 * id 'retention') erased on this station — local, it grows as late copies arrive and are erased.
 * `erased_mentions` names the mentions an erasure took, so ops about them that arrive later
 * (a reply, a pin, a reopen reason) are withheld on arrival. The retention rule in force and the
 * cutoffs applied live in room_config ('retention', 'retention.applied').
 */
export const migration: Migration = {
  id: 21,
  name: 'erasure-and-retention',
  up: `
    CREATE TABLE erasures (
      id TEXT PRIMARY KEY,
      op_id TEXT NOT NULL,
      hlc TEXT NOT NULL,
      actor TEXT NOT NULL,
      reference TEXT NOT NULL,
      cutoff TEXT NOT NULL,
      keys TEXT NOT NULL,
      requested_items INTEGER NOT NULL,
      effect TEXT NOT NULL CHECK (effect IN ('applied', 'refused')),
      reason TEXT
    ) STRICT;
    CREATE TABLE erasure_counts (
      erasure_id TEXT PRIMARY KEY,
      items INTEGER NOT NULL DEFAULT 0,
      withheld INTEGER NOT NULL DEFAULT 0,
      last_at TEXT
    ) STRICT;
    CREATE TABLE erased_mentions (
      id TEXT PRIMARY KEY,
      erasure_id TEXT NOT NULL
    ) STRICT, WITHOUT ROWID;
  `,
};
