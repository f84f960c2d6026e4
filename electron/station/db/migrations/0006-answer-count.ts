import type { Migration } from './types';

/**
 * How many times a mention was answered, counting answers the fold refused: two desks apart can
 * both reply to one customer, and the queue must say so (issue "LAN sync").
 */
export const migration: Migration = {
  id: 6,
  name: 'answer-count',
  up: `ALTER TABLE mentions ADD COLUMN answers INTEGER NOT NULL DEFAULT 0;`,
};
