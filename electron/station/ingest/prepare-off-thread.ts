import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { InputFormatError } from '../connectors/read-mentions';
import type { PrepareOptions, PreparedBatch } from './prepare-batches';
import type { FromPrepareWorker, ToPrepareWorker } from './prepare-messages';

// Input chunks (~64 KB each) posted ahead of the worker, and prepared batches waiting to be
// committed, at most: the whole file never sits in memory, however fast it is read.
const CHUNKS_AHEAD = 16;
const BATCHES_AHEAD = 2;

function startWorker(opts: PrepareOptions): Worker {
  // Built, the worker is its own bundle beside this one; from source, tsx compiles it.
  if (!__filename.endsWith('.ts'))
    return new Worker(path.join(__dirname, 'prepare-worker.js'), { workerData: opts });
  const entry = JSON.stringify(path.join(__dirname, 'prepare-worker.ts'));
  return new Worker(`require('tsx/cjs/api').register(); require(${entry});`, {
    eval: true,
    workerData: opts,
  });
}

/**
 * prepareBatches on a worker thread: the station's thread stays free to commit one batch (SQLite
 * works on libuv's pool) while the worker reads, enriches and hashes the next. Stops the worker
 * when the caller stops early or the input fails.
 */
export async function* prepareBatchesOffThread(
  input: AsyncIterable<Buffer | string>,
  opts: PrepareOptions,
): AsyncGenerator<PreparedBatch> {
  const worker = startWorker(opts);
  const batches: PreparedBatch[] = [];
  let chunksAhead = 0;
  let finished = false;
  let failure: Error | null = null;
  let stopped = false;
  // Both the pump and the consumer wait for the worker's next message.
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
  worker.on('message', (m: FromPrepareWorker) => {
    if (m.type === 'taken') chunksAhead -= 1;
    else if (m.type === 'batch') batches.push(m.batch);
    else if (m.type === 'done') finished = true;
    else fail(m.format ? new InputFormatError(m.message) : new Error(m.message));
    signal();
  });
  worker.on('error', fail);
  worker.on('exit', (code) => {
    if (!finished) fail(new Error(`the import worker stopped (exit code ${code})`));
  });
  const send = (m: ToPrepareWorker) =>
    // A chunk goes over as its own copy, moved rather than cloned (a read chunk may be a view
    // into a larger shared buffer).
    worker.postMessage(m, m.type === 'chunk' ? [m.bytes.buffer as ArrayBuffer] : []);

  const pump = (async () => {
    for await (const chunk of input) {
      while (
        !stopped &&
        failure === null &&
        (chunksAhead >= CHUNKS_AHEAD || batches.length >= BATCHES_AHEAD)
      )
        await changed();
      if (stopped || failure !== null) return;
      chunksAhead += 1;
      send({
        type: 'chunk',
        bytes: typeof chunk === 'string' ? new TextEncoder().encode(chunk) : new Uint8Array(chunk),
      });
    }
    send({ type: 'end' });
  })().catch(fail);

  try {
    for (;;) {
      const next = batches.shift();
      if (next) {
        signal();
        yield next;
        continue;
      }
      if (failure) throw failure;
      if (finished) break;
      await changed();
    }
  } finally {
    stopped = true;
    signal();
    await worker.terminate();
    // The pump ends at its next chunk; an input that stalls must not hold up the caller.
    void pump;
  }
}
