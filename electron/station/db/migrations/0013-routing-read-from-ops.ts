import type { Migration } from './types';

/**
 * Ingest routing is read from the mention's ingest op (its item's `enrichment.routing`) instead
 * of a copy in every mention row: the copy added ~130 bytes a mention to every import's writes
 * (bench/ingest) for a view opened one mention at a time. The department and priority routing
 * decided stay as columns (routed_department, routed_priority): the queue sorts and filters by
 * them, and so do the skills it asked for (routed_skills, a JSON list, NULL for none): assignment
 * reads them for every waiting mention.
 */
export const migration: Migration = {
  id: 13,
  name: 'routing-read-from-ops',
  up: `
    ALTER TABLE mentions DROP COLUMN routing;
    ALTER TABLE mentions ADD COLUMN routed_skills TEXT;
  `,
};
