import type { PreparedBatch } from './prepare-batches';

/** What the station sends the import worker: the input, chunk by chunk, then its end. */
export type ToPrepareWorker = { type: 'chunk'; bytes: Uint8Array } | { type: 'end' };

/** What the import worker sends back. */
export type FromPrepareWorker =
  /** It took one chunk off its queue (the station sends more only as chunks are taken). */
  | { type: 'taken' }
  | { type: 'batch'; batch: PreparedBatch }
  | { type: 'done' }
  /** The input cannot be read (`format`: not in the chosen preset's shape) or the worker broke. */
  | { type: 'failed'; message: string; format: boolean };
