import type { ImportRowError } from '../../../shared/contract/imports';
import { readMentions, type ReadOptions } from '../connectors/read-mentions';
import type { IngestSource } from '../ops/payloads';
import { createIngestRouter, type IngestRoutingRules } from '../routing/ingest-router';
import {
  packIngest,
  prepareIngestItem,
  type PackedIngest,
  type PreparedItem,
} from './ingest-draft';

// One commit per this many mentions: big enough for multi-row SQL to pay off, small enough that
// claims from desks are not held up behind an import for long.
export const COMMIT_EVERY = 5_000;
// A live input (a stream piped into an import) gets what it sent committed within about this long
// whenever it makes the preparation wait, rather than held until a full batch arrives. Every cut
// is a commit, a signature and a push to each peer: 10 ms cost five stations on two cores a third
// more CPU than 25 ms and gave no better p99 (bench/sync).
export const LIVE_FLUSH_MS = 25;
// Row errors kept for the report; the count goes on past it.
export const MAX_REPORTED_ERRORS = 1_000;

/** What to prepare: how to read the input and where its mentions come from. */
export type PrepareOptions = ReadOptions & {
  source: IngestSource;
  /** The room's routing rules on the ingesting station (data, so workers get them too). */
  routing?: IngestRoutingRules;
};

/** One commit's worth of an input: its ingest payloads, and the rows read and refused on the way. */
export type PreparedBatch = {
  packed: PackedIngest[];
  /** Mentions the packed payloads carry. */
  mentions: number;
  /** Rows read since the last batch. */
  rows: number;
  /** Rows refused since the last batch. */
  errors: number;
  /** The refused rows' lines and reasons, up to MAX_REPORTED_ERRORS over the whole input. */
  rowErrors: ImportRowError[];
  bytesRead: number;
};

/**
 * Reads, maps, enriches and hashes an input into commit-sized batches of ingest payloads: all the
 * CPU work of an import, with no database, so it can run on a worker thread while the station
 * commits the previous batch.
 */
export async function* prepareBatches(
  input: AsyncIterable<Buffer | string>,
  opts: PrepareOptions,
): AsyncGenerator<PreparedBatch> {
  let reported = 0;
  let batch: PreparedBatch = {
    packed: [],
    mentions: 0,
    rows: 0,
    errors: 0,
    rowErrors: [],
    bytesRead: 0,
  };
  let pending: PreparedItem[] = [];
  // Imports route without author history (ingest-router.ts says why).
  const route = opts.routing && createIngestRouter(opts.routing);
  let heldSince = 0;
  const take = (): PreparedBatch => {
    const out = { ...batch, packed: packIngest(pending, opts.source), mentions: pending.length };
    pending = [];
    heldSince = 0;
    batch = {
      packed: [],
      mentions: 0,
      rows: 0,
      errors: 0,
      rowErrors: [],
      bytesRead: out.bytesRead,
    };
    return out;
  };
  for await (const chunk of flushingWhenWaiting(readMentions(input, opts), () =>
    pending.length > 0 ? heldSince : null,
  )) {
    if (chunk === IDLE) {
      yield take();
      continue;
    }
    for (const item of chunk.items) {
      batch.rows += 1;
      if ('error' in item) {
        batch.errors += 1;
        if (reported < MAX_REPORTED_ERRORS) {
          reported += 1;
          batch.rowErrors.push({ line: item.line, reason: item.error });
        }
      } else {
        if (pending.length === 0) heldSince = performance.now();
        pending.push(prepareIngestItem(item.input, item.line, route));
      }
    }
    batch.bytesRead = chunk.bytesRead;
    if (pending.length >= COMMIT_EVERY) yield take();
  }
  yield take();
}

/** What flushingWhenWaiting yields when the input keeps a held item waiting. */
export const IDLE = Symbol('idle');

/**
 * Passes `source` through, and yields IDLE when something is held (`heldSince()` is when the
 * oldest held item came) and the source keeps the reader waiting past LIVE_FLUSH_MS after it. A
 * file read back to back always has its next chunk ready, so it never sees IDLE; a live feed that
 * trickles in does, at least every LIVE_FLUSH_MS.
 */
export async function* flushingWhenWaiting<T>(
  source: AsyncIterable<T>,
  heldSince: () => number | null,
): AsyncGenerator<T | typeof IDLE> {
  const it = source[Symbol.asyncIterator]();
  let next: Promise<IteratorResult<T>> | null = null;
  try {
    for (;;) {
      next ??= it.next();
      const since = heldSince();
      let timer: NodeJS.Timeout | undefined;
      const result =
        since === null
          ? await next
          : await Promise.race([
              next,
              new Promise<typeof IDLE>((resolve) => {
                const left = Math.max(0, since + LIVE_FLUSH_MS - performance.now());
                timer = setTimeout(resolve, left, IDLE);
              }),
            ]);
      clearTimeout(timer);
      if (result === IDLE) {
        yield IDLE;
        continue;
      }
      next = null;
      if (result.done) return;
      yield result.value;
    }
  } finally {
    // With a read still in flight the source finishes it first, so do not wait for that.
    if (next === null) await it.return?.();
    else void it.return?.()?.catch(() => undefined);
  }
}
