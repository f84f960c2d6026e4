import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type {
  ImportProgress,
  ImportRowError,
  ImportSummary,
} from '../../../shared/contract/imports';
import type { StationCore } from '../core/core';
import { loadPreset } from '../connectors/preset';
import type { ReadOptions } from '../connectors/read-mentions';
import { draftOfPacked } from './ingest-draft';
import { prepareBatches, type PrepareOptions, type PreparedBatch } from './prepare-batches';
import { prepareBatchesOffThread } from './prepare-off-thread';

// Inputs smaller than this are prepared on the station's own thread: starting a worker costs
// more than it saves.
const WORKER_FROM_BYTES = 2_000_000;

/** Options of one import. */
export type ImportOptions = ReadOptions & {
  actor: string;
  connector: 'csv' | 'jsonl';
  bytesTotal: number | null;
  onProgress?: (p: ImportProgress) => void;
  /** Where to read, enrich and hash: a worker thread (default for large or unknown sizes) or here. */
  thread?: 'worker' | 'here';
};

/**
 * Streams a file into the op log: parse, enrich, seal ops, apply, in batches. Bad rows are
 * reported with their line and reason; every good row still lands. Duplicates (same channel and
 * external id, in the file or already here) collapse into one mention.
 */
export async function importMentions(
  core: StationCore,
  stream: Readable,
  opts: ImportOptions,
): Promise<ImportSummary> {
  const progress: ImportProgress = {
    phase: 'reading',
    bytesRead: 0,
    bytesTotal: opts.bytesTotal,
    rows: 0,
    imported: 0,
    duplicates: 0,
    errors: 0,
  };
  const rowErrors: ImportRowError[] = [];
  const prepare: PrepareOptions = {
    format: opts.format,
    // Resolved here, so a worker never has to find the preset files.
    preset:
      opts.preset ?? (await loadPreset(opts.format === 'csv' ? 'generic-csv' : 'generic-jsonl')),
    ...(opts.maxRecordBytes !== undefined && { maxRecordBytes: opts.maxRecordBytes }),
    source: { connector: opts.connector, importId: randomUUID() },
  };
  const thread =
    opts.thread ??
    (opts.bytesTotal !== null && opts.bytesTotal < WORKER_FROM_BYTES ? 'here' : 'worker');
  const batches =
    thread === 'worker'
      ? prepareBatchesOffThread(stream, prepare)
      : prepareBatches(stream, prepare);

  // One batch commits (SQLite works on libuv's thread pool) while the next is prepared: the two
  // cores overlap instead of taking turns.
  let inflight: Promise<void> | null = null;
  const commit = (batch: PreparedBatch) => {
    const carried = batch.packed.reduce((n, p) => n + p.items, 0);
    const done = core
      .commit(batch.packed.map((p) => draftOfPacked(p, opts.actor)))
      .then((applied) => {
        progress.imported += applied.newMentions;
        progress.duplicates += carried - applied.newMentions;
        progress.rows += batch.rows;
        progress.errors += batch.errors;
        progress.bytesRead = batch.bytesRead;
        rowErrors.push(...batch.rowErrors);
        opts.onProgress?.({ ...progress });
      });
    done.catch(() => undefined); // a failure surfaces at the next await, not as an unhandled rejection
    return done;
  };
  for await (const batch of batches) {
    if (inflight) await inflight;
    inflight = commit(batch);
  }
  await inflight;
  const summary: ImportSummary = { ...progress, phase: 'done', rowErrors };
  opts.onProgress?.(summary);
  return summary;
}
