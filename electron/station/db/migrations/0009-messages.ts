import type { Migration } from './types';

/**
 * Approved messaging (issue "Approved messaging"): one row per message (reply or statement) as
 * its ops fold it; approval areas on accounts; and the station's own outbox of webhook
 * deliveries (local: only the sending station delivers, DECISIONS.md 2).
 */
export const migration: Migration = {
  id: 9,
  name: 'messages',
  up: `
    ALTER TABLE operators ADD COLUMN areas TEXT NOT NULL DEFAULT '[]';
    CREATE TABLE messages (
      id TEXT PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('reply', 'statement')),
      mention_id TEXT,
      library_scenario TEXT,
      library_language TEXT,
      created_by TEXT NOT NULL,
      created_hlc TEXT NOT NULL,
      version INTEGER NOT NULL,
      version_by TEXT NOT NULL,
      version_hlc TEXT NOT NULL,
      text TEXT NOT NULL,
      content_hash TEXT NOT NULL,
      language TEXT NOT NULL,
      channel TEXT NOT NULL,
      topics TEXT NOT NULL,
      severity TEXT,
      run_id TEXT,
      template_id TEXT,
      required TEXT NOT NULL,
      required_by TEXT NOT NULL,
      reviews TEXT NOT NULL,
      approved_areas TEXT NOT NULL,
      approved_hlc TEXT,
      status TEXT NOT NULL,
      sends TEXT NOT NULL,
      retired_by TEXT,
      retired_hlc TEXT
    ) STRICT;
    CREATE INDEX messages_mention ON messages (mention_id) WHERE mention_id IS NOT NULL;
    CREATE INDEX messages_status ON messages (status, version_hlc);
    CREATE INDEX messages_library ON messages (library_scenario, library_language)
      WHERE library_scenario IS NOT NULL;
    CREATE TABLE outbox (
      op_id TEXT PRIMARY KEY,
      url TEXT NOT NULL,
      body TEXT NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0,
      next_at INTEGER NOT NULL,
      delivered_at INTEGER,
      last_error TEXT
    ) STRICT;
  `,
};
