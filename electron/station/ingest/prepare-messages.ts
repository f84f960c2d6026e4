import type { PreparedBatch } from './prepare-batches';
import type { RecordGroup } from './prepare-group';

/** What the station sends an import worker: a group of records to prepare. */
export type ToPrepareWorker = { type: 'group'; group: RecordGroup };

/** What an import worker sends back. */
export type FromPrepareWorker =
  | { type: 'batch'; seq: number; batch: PreparedBatch }
  /** The worker broke on a group (a bug, not bad input: bad rows come back as row errors). */
  | { type: 'failed'; message: string };
