import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type {
  ImportProgress,
  ImportRowError,
  ImportSummary,
} from '../../../shared/contract/imports';
import type { StationCore } from '../core/core';
import { readMentions, type ReadOptions } from '../connectors/read-mentions';
import { ingestDrafts, prepareIngestItem, type PreparedItem } from './ingest-draft';

// One transaction per this many mentions: big enough for multi-row SQL to pay off, small enough
// that claims from desks are not held up behind an import for long.
const COMMIT_EVERY = 5_000;
// Row errors kept for the report; the count goes on past it.
const MAX_REPORTED_ERRORS = 1_000;

/** Options of one import. */
export type ImportOptions = ReadOptions & {
  actor: string;
  connector: 'csv' | 'jsonl';
  bytesTotal: number | null;
  onProgress?: (p: ImportProgress) => void;
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
  const importId = randomUUID();
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
  let pending: PreparedItem[] = [];
  // One batch commits (SQLite works on libuv's thread pool) while the next is parsed, enriched
  // and hashed on the main thread: the two cores overlap instead of taking turns.
  let inflight: Promise<void> | null = null;
  const flush = async () => {
    if (inflight) await inflight;
    inflight = null;
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    inflight = core
      .commit(ingestDrafts(batch, opts.actor, { connector: opts.connector, importId }))
      .then((applied) => {
        progress.imported += applied.newMentions;
        progress.duplicates += batch.length - applied.newMentions;
        opts.onProgress?.({ ...progress });
      });
    inflight.catch(() => undefined); // a failure surfaces at the next await, not as an unhandled rejection
  };
  for await (const chunk of readMentions(stream, opts)) {
    for (const item of chunk.items) {
      progress.rows += 1;
      if ('error' in item) {
        progress.errors += 1;
        if (rowErrors.length < MAX_REPORTED_ERRORS)
          rowErrors.push({ line: item.line, reason: item.error });
      } else {
        pending.push(prepareIngestItem(item.input, item.line));
      }
    }
    progress.bytesRead = chunk.bytesRead;
    if (pending.length >= COMMIT_EVERY) await flush();
  }
  await flush();
  await inflight;
  const summary: ImportSummary = { ...progress, phase: 'done', rowErrors };
  opts.onProgress?.(summary);
  return summary;
}
