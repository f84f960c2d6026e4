import type { Migration } from './types';

/**
 * Every op indexed by id. An ingest op now carries a batch of mentions rather than one, so there
 * are few of them, and a mention's history names the op that brought it in.
 */
export const migration: Migration = {
  id: 4,
  name: 'ingest-op-ids',
  up: `
    DROP INDEX ops_id;
    CREATE INDEX ops_id ON ops (id);
  `,
};
