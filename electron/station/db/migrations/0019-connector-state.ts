import type { Migration } from './types';

/**
 * Connector state kept by this station alone (DECISIONS.md 4: local-only, not in the digest):
 * each connector's cursor (a JSON value the connector kind defines), the keys it has already
 * taken in (feed entry ids, file hashes, message ids), and its last known health, so a restart
 * neither loses nor repeats an item and the health panel remembers the last success.
 */
export const migration: Migration = {
  id: 19,
  name: 'connector-state',
  up: `
    CREATE TABLE connector_cursors (
      connector_id TEXT PRIMARY KEY,
      value TEXT NOT NULL,
      saved_at TEXT NOT NULL
    ) STRICT;
    CREATE TABLE connector_seen (
      connector_id TEXT NOT NULL,
      key TEXT NOT NULL,
      seen_ms INTEGER NOT NULL,
      PRIMARY KEY (connector_id, key)
    ) STRICT, WITHOUT ROWID;
    CREATE TABLE connector_health (
      connector_id TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;
  `,
};
