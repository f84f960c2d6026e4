import type { Migration } from './types';

/**
 * Post-incident reviews: each review's retrospective as every station folds it from its retro.*
 * ops (shared/review/retro-fold.ts). The document is kept whole as JSON; the columns beside it
 * are what the history of past incidents lists and filters by.
 */
export const migration: Migration = {
  id: 17,
  name: 'reviews',
  up: `
    CREATE TABLE reviews (
      id TEXT PRIMARY KEY,
      title TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('draft', 'in-review', 'closed')),
      run_id TEXT,
      opened_by TEXT NOT NULL,
      opened_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      doc TEXT NOT NULL
    ) STRICT;
    CREATE INDEX reviews_run ON reviews (run_id) WHERE run_id IS NOT NULL;
  `,
};
