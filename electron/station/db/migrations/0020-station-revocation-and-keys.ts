import type { Migration } from './types';

/**
 * Revocation and key rotation (issue 9), each folded from its ops on every station (so they are
 * replicated state, in the digest): revoked stations with the last seq of their chain that still
 * counts, the keys each station's chain used from which seq on, and revoked accounts with who
 * revoked them and when.
 */
export const migration: Migration = {
  id: 20,
  name: 'station-revocation-and-keys',
  up: `
    CREATE TABLE station_revocations (
      station_id TEXT PRIMARY KEY,
      point_seq INTEGER NOT NULL,
      op_id TEXT NOT NULL,
      hlc TEXT NOT NULL,
      revoked_by TEXT NOT NULL
    ) STRICT;
    CREATE TABLE station_keys (
      station_id TEXT NOT NULL,
      from_seq INTEGER NOT NULL,
      public_key TEXT NOT NULL,
      tls_cert TEXT,
      op_id TEXT NOT NULL,
      hlc TEXT NOT NULL,
      rotated_by TEXT NOT NULL,
      PRIMARY KEY (station_id, from_seq)
    ) STRICT;
    CREATE TABLE operator_revocations (
      operator_id TEXT PRIMARY KEY,
      op_id TEXT NOT NULL,
      hlc TEXT NOT NULL,
      revoked_by TEXT NOT NULL,
      reason TEXT
    ) STRICT;
  `,
};
