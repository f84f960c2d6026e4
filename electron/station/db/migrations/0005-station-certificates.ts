import type { Migration } from './types';

/** Each member station's TLS certificate, pinned by its admission op (issue "LAN sync"). */
export const migration: Migration = {
  id: 5,
  name: 'station-certificates',
  up: `ALTER TABLE stations ADD COLUMN tls_cert TEXT;`,
};
