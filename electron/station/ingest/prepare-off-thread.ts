import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Preset } from '../connectors/preset';
import { presetFor, RecordReader } from '../connectors/read-mentions';
import type { RawRecord } from '../connectors/record-splitter';
import {
  COMMIT_EVERY,
  IDLE,
  MAX_REPORTED_ERRORS,
  flushingWhenWaiting,
  type PrepareOptions,
  type PreparedBatch,
} from './prepare-batches';
import type { RecordGroup } from './prepare-group';
import type { FromPrepareWorker, ToPrepareWorker } from './prepare-messages';

/**
 * Import workers: at least two, so reading and enriching an input (most of an import's CPU) is
 * shared even on a two-core laptop while SQLite commits, and at most four (past that the single
 * writer is the limit).
 */
export const IMPORT_WORKERS = Math.min(4, Math.max(2, availableParallelism()));
// Groups cut and not yet taken by the importer, per worker, at most: enough that no worker waits
// while the station commits, few enough that the whole file never sits in memory.
const GROUPS_AHEAD_PER_WORKER = 2;

function startWorker(opts: PrepareOptions & { preset: Preset }): Worker {
  // Built, the worker is its own bundle beside this one; from source, tsx compiles it.
  if (!__filename.endsWith('.ts'))
    return new Worker(path.join(__dirname, 'prepare-worker.js'), { workerData: opts });
  const entry = JSON.stringify(path.join(__dirname, 'prepare-worker.ts'));
  return new Worker(`require('tsx/cjs/api').register(); require(${entry});`, {
    eval: true,
    workerData: opts,
  });
}

/** A batch as posted: its payloads arrive as plain Uint8Arrays; they are Buffers again here. */
function asBuffers(batch: PreparedBatch): PreparedBatch {
  for (const p of batch.packed) {
    const u8: Uint8Array = p.payloadJson;
    p.payloadJson = Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength);
  }
  return batch;
}

/**
 * prepareBatches on worker threads. The station's thread splits the input into records (a cheap
 * byte scan that also finds the header and numbers the lines) and cuts them into groups of
 * COMMIT_EVERY; the workers parse, map, enrich and hash the groups side by side, and the batches
 * come back in input order, so the first copy of a duplicate in the file is still the one
 * committed first. A live input that keeps records waiting has them cut after LIVE_FLUSH_MS.
 * Stops the workers when the caller stops early or the input fails.
 */
export async function* prepareBatchesOffThread(
  input: AsyncIterable<Buffer | string>,
  opts: PrepareOptions,
  workers = IMPORT_WORKERS,
): AsyncGenerator<PreparedBatch> {
  const preset = await presetFor(opts);
  const resolved = { ...opts, preset };
  const reader = new RecordReader(opts.format, preset, opts.maxRecordBytes);
  const pool = Array.from({ length: workers }, () => startWorker(resolved));
  const busy = pool.map(() => 0);
  const done = new Map<number, PreparedBatch>();
  let cut = 0; // groups cut so far (the next group's seq)
  let taken = 0; // groups handed to the caller so far
  let inputEnded = false;
  let failure: Error | null = null;
  let stopped = false;
  let reported = 0;
  let bytesRead = 0;
  const waiters = new Set<() => void>();
  const changed = () => new Promise<void>((resolve) => waiters.add(resolve));
  const signal = () => {
    for (const wake of waiters) wake();
    waiters.clear();
  };
  const fail = (err: Error) => {
    failure ??= err;
    signal();
  };

  pool.forEach((worker, w) => {
    worker.on('message', (m: FromPrepareWorker) => {
      busy[w] = (busy[w] ?? 1) - 1;
      if (m.type === 'batch') done.set(m.seq, asBuffers(m.batch));
      else fail(new Error(`an import worker failed: ${m.message}`));
      signal();
    });
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (!stopped) fail(new Error(`an import worker stopped (exit code ${code})`));
    });
  });

  const send = (records: RawRecord[], bytesRead: number) => {
    // The least busy worker takes the group.
    const w = busy.indexOf(Math.min(...busy));
    const group: RecordGroup = { seq: cut, records, header: reader.header ?? [], bytesRead };
    cut += 1;
    busy[w] = (busy[w] ?? 0) + 1;
    (pool[w] as Worker).postMessage({ type: 'group', group } satisfies ToPrepareWorker);
  };

  const pump = (async () => {
    let held: RawRecord[] = [];
    let heldSince = 0;
    const hold = (records: RawRecord[]) => {
      if (records.length > 0 && held.length === 0) heldSince = performance.now();
      for (const r of records) held.push(r);
    };
    const cutHeld = async () => {
      while (!stopped && failure === null && cut - taken >= workers * GROUPS_AHEAD_PER_WORKER)
        await changed();
      if (stopped || failure !== null || held.length === 0) return;
      send(held, bytesRead);
      held = [];
    };
    for await (const chunk of flushingWhenWaiting(input, () =>
      held.length > 0 ? heldSince : null,
    )) {
      if (stopped || failure !== null) return;
      if (chunk === IDLE) {
        await cutHeld();
        continue;
      }
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      bytesRead += buf.length;
      hold(reader.push(buf));
      while (held.length >= COMMIT_EVERY && !stopped && failure === null) {
        const rest = held.splice(COMMIT_EVERY);
        await cutHeld();
        held = rest;
        heldSince = performance.now();
      }
    }
    hold(reader.end());
    await cutHeld();
    inputEnded = true;
    signal();
  })().catch(fail);

  try {
    for (;;) {
      const next = done.get(taken);
      if (next) {
        done.delete(taken);
        taken += 1;
        signal();
        // At most MAX_REPORTED_ERRORS refused rows are listed over the whole input.
        const room = Math.max(0, MAX_REPORTED_ERRORS - reported);
        if (next.rowErrors.length > room) next.rowErrors = next.rowErrors.slice(0, room);
        reported += next.rowErrors.length;
        yield next;
        continue;
      }
      if (failure) throw failure;
      if (inputEnded && taken === cut) break;
      await changed();
    }
    // The last word on how much was read (and an input with no records still reports it).
    yield { packed: [], mentions: 0, rows: 0, errors: 0, rowErrors: [], bytesRead };
  } finally {
    stopped = true;
    signal();
    await Promise.all(pool.map((w) => w.terminate()));
    // The pump ends at its next chunk; an input that stalls must not hold up the caller.
    void pump;
  }
}
