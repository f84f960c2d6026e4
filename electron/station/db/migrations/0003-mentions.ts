import type { Migration } from './types';

/** Mentions materialised from the op log, with FTS5 full-text search. */
export const migration: Migration = {
  id: 3,
  name: 'mentions',
  up: `
    CREATE TABLE mentions (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      channel TEXT NOT NULL,
      external_id TEXT NOT NULL,
      author_handle TEXT NOT NULL,
      author_name TEXT,
      author_email TEXT,
      author_phone TEXT,
      text TEXT NOT NULL,
      occurred_at TEXT NOT NULL,
      occurred_ms INTEGER NOT NULL,
      recorded_hlc TEXT NOT NULL,
      source_op TEXT NOT NULL,
      brand TEXT,
      location TEXT,
      url TEXT,
      department TEXT,
      language TEXT NOT NULL,
      sentiment_score REAL NOT NULL,
      sentiment_label TEXT NOT NULL,
      priority INTEGER NOT NULL,
      metadata TEXT NOT NULL DEFAULT '{}',
      duplicates INTEGER NOT NULL DEFAULT 0,
      status TEXT NOT NULL DEFAULT 'open'
        CHECK (status IN ('open', 'answered', 'closed', 'ignored')),
      status_by TEXT,
      status_at TEXT,
      claim_op TEXT,
      claim_operator TEXT,
      claim_at TEXT,
      claim_expires TEXT
    );
    CREATE INDEX mentions_occurred ON mentions (occurred_ms);
    CREATE INDEX mentions_status_occurred ON mentions (status, occurred_ms);
    CREATE INDEX mentions_priority ON mentions (priority, occurred_ms);
    CREATE INDEX mentions_author ON mentions (author_handle, occurred_ms);
    CREATE INDEX mentions_claim ON mentions (claim_operator) WHERE claim_operator IS NOT NULL;

    CREATE VIRTUAL TABLE mentions_fts USING fts5 (
      text, author_handle,
      content = 'mentions', content_rowid = 'seq',
      tokenize = 'unicode61 remove_diacritics 2',
      -- Searches are AND-ed words and prefixes, never phrases or ranking: without positions
      -- (detail = none) the index is several times smaller and ingest much faster.
      detail = none, columnsize = 0
    );
    CREATE TRIGGER mentions_fts_insert AFTER INSERT ON mentions BEGIN
      INSERT INTO mentions_fts (rowid, text, author_handle) VALUES (new.seq, new.text, new.author_handle);
    END;
    CREATE TRIGGER mentions_fts_delete AFTER DELETE ON mentions BEGIN
      INSERT INTO mentions_fts (mentions_fts, rowid, text, author_handle)
        VALUES ('delete', old.seq, old.text, old.author_handle);
    END;
    CREATE TRIGGER mentions_fts_update AFTER UPDATE OF text, author_handle ON mentions BEGIN
      INSERT INTO mentions_fts (mentions_fts, rowid, text, author_handle)
        VALUES ('delete', old.seq, old.text, old.author_handle);
      INSERT INTO mentions_fts (rowid, text, author_handle) VALUES (new.seq, new.text, new.author_handle);
    END;
  `,
};
