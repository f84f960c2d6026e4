import type { Migration } from './types';

/** The op log: every change, chained per origin station (DECISIONS.md 1). */
export const migration: Migration = {
  id: 1,
  name: 'op-log',
  up: `
    -- A rowid table keyed in arrival order, unique per (origin, seq): both grow monotonically, so
    -- bulk appends touch the right edge of the b-trees instead of random pages. Op ids are
    -- random hashes; only ops other than ingests (a small share) are indexed by id.
    CREATE TABLE ops (
      id TEXT NOT NULL,
      origin TEXT NOT NULL,
      seq INTEGER NOT NULL CHECK (seq >= 1),
      hlc TEXT NOT NULL,
      actor TEXT NOT NULL,
      type TEXT NOT NULL,
      v INTEGER NOT NULL,
      payload TEXT,
      payload_hash TEXT NOT NULL,
      prev TEXT,
      sig TEXT,
      subject TEXT,
      UNIQUE (origin, seq)
    );
    CREATE INDEX ops_id ON ops (id) WHERE type <> 'mention.ingest';
    CREATE INDEX ops_subject_hlc ON ops (subject, hlc);
    CREATE INDEX ops_actor_hlc ON ops (actor, hlc) WHERE type <> 'mention.ingest';
    -- What each non-ingest op did: applied, refused (with why) or lost a claim race.
    CREATE TABLE op_effects (
      op_id TEXT PRIMARY KEY,
      subject TEXT NOT NULL,
      effect TEXT NOT NULL CHECK (effect IN ('applied', 'refused', 'collision')),
      reason TEXT
    );
    CREATE INDEX op_effects_subject ON op_effects (subject);
    -- Local only: this station's identity and chain head.
    CREATE TABLE local_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  `,
};
