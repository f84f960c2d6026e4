import type { Migration } from './types';

/**
 * Wave answers (shared/messaging/wave.ts): a message can be one approved text sent to many
 * near-duplicate mentions, each copy personalised. Which messages are waves is kept per row: the
 * queue's composer and the ledger show them differently. Existing messages are not waves.
 */
export const migration: Migration = {
  id: 14,
  name: 'wave-answers',
  up: `ALTER TABLE messages ADD COLUMN wave INTEGER NOT NULL DEFAULT 0 CHECK (wave IN (0, 1));`,
};
