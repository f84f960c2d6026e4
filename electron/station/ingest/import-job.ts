import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type {
  ImportProgress,
  ImportRowError,
  ImportSummary,
} from '../../../shared/contract/imports';
import type { StationCore } from '../core/core';
import { loadPreset } from '../connectors/preset';
import { countMentions } from '../db/queries/mention-reads';
import type { ReadOptions } from '../connectors/read-mentions';
import { draftOfPacked } from './ingest-draft';
import { coalesce } from './coalesce';
import { prepareBatches, type PrepareOptions } from './prepare-batches';
import { prepareBatchesOffThread } from './prepare-off-thread';
import { rulesInForce } from '../routing/rules-service';
import type { IngestSource } from '../ops/payloads';

// Prepared batches waiting for a commit, at most, and the most mentions one commit takes: a
// commit holds claims from desks back for well under a second.
const MAX_BATCHES_READY = 6;
const MAX_MENTIONS_PER_COMMIT = 25_000;
// Files at least this large are prepared on worker threads; smaller ones on the station's own
// thread, where starting a worker would cost more than it saves. So is a stream of unknown length
// (a live feed piped in): its batches are small and wanted at once, and the round trip through a
// worker added up to ~100 ms of jitter under load (bench/sync, 5 stations: p99 ~150 → ~55 ms).
const WORKER_FROM_BYTES = 2_000_000;
// An import expected to bring at least this many more mentions, and at least as many as the room
// holds, builds the mention indexes after its rows instead of row by row (core.deferMentionIndexes).
export const DEFER_INDEXES_FROM = 100_000;

/** Options of one import. */
export type ImportOptions = ReadOptions & {
  actor: string;
  connector: IngestSource['connector'];
  /** The configured connector that brought the file (a watch folder), for provenance. */
  connectorId?: string;
  bytesTotal: number | null;
  onProgress?: (p: ImportProgress) => void;
  /** Where to read, enrich and hash: worker threads (default for large files) or here. */
  thread?: 'worker' | 'here';
  /** Fewest mentions still to come that make indexes wait for the end (default DEFER_INDEXES_FROM). */
  deferIndexesFrom?: number;
};

/**
 * Whether the rest of an import, judged by its first commit (rows per byte read so far, bytes
 * left), will bring at least `from` mentions and at least as many as the room already holds.
 */
export function worthDeferringIndexes(p: ImportProgress, held: number, from: number): boolean {
  if (p.bytesTotal === null || p.bytesRead === 0) return false;
  const expected = ((p.bytesTotal - p.bytesRead) * p.rows) / p.bytesRead;
  return expected >= from && expected >= held;
}

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
    source: {
      connector: opts.connector,
      importId: randomUUID(),
      ...(opts.connectorId !== undefined && { connectorId: opts.connectorId }),
    },
    // The rules in force here as data: workers compile them for themselves.
    routing: await ingestRulesOf(core.read),
  };
  const thread =
    opts.thread ??
    (opts.bytesTotal !== null && opts.bytesTotal >= WORKER_FROM_BYTES ? 'worker' : 'here');
  const batches =
    thread === 'worker'
      ? prepareBatchesOffThread(stream, prepare)
      : prepareBatches(stream, prepare);

  // One commit runs (SQLite works on libuv's thread pool) while the next batches are prepared:
  // the two cores overlap instead of taking turns. When commits fall behind, the batches ready by
  // then go in together: a large database's indexes take a random write per mention, and fewer,
  // larger commits write each touched page once (measured: bench/ingest at 1M rows).
  let judged = false;
  await core.bulkWrites(async () => {
    for await (const group of coalesce(batches, {
      maxReady: MAX_BATCHES_READY,
      maxWeight: MAX_MENTIONS_PER_COMMIT,
      weight: (b) => b.mentions,
    })) {
      const packed = group.flatMap((b) => b.packed);
      const applied = await core.commit(packed.map((p) => draftOfPacked(p, opts.actor)));
      const carried = group.reduce((n, b) => n + b.mentions, 0);
      progress.imported += applied.newMentions;
      progress.duplicates += carried - applied.newMentions;
      for (const b of group) {
        progress.rows += b.rows;
        progress.errors += b.errors;
        progress.bytesRead = b.bytesRead;
        rowErrors.push(...b.rowErrors);
      }
      opts.onProgress?.({ ...progress });
      if (!judged) {
        judged = true;
        const held = await countMentions(core.read);
        if (worthDeferringIndexes(progress, held, opts.deferIndexesFrom ?? DEFER_INDEXES_FROM))
          await core.deferMentionIndexes();
      }
    }
    if (core.mentionIndexesAreDeferred) {
      opts.onProgress?.({ ...progress, phase: 'indexing' });
      await core.buildMentionIndexes();
    }
  });
  const summary: ImportSummary = { ...progress, phase: 'done', rowErrors };
  opts.onProgress?.(summary);
  return summary;
}

/** The rules in force, as the plain data an import's preparation routes with. */
async function ingestRulesOf(sql: StationCore['read']): Promise<{ yaml: string; file: string }> {
  const r = await rulesInForce(sql);
  return { yaml: r.yaml, file: r.file };
}
