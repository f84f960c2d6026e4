// The import worker's entry: prepares batches (see prepare-batches.ts) from chunks the station
// posts, and posts them back. Built as its own file (electron.vite.config.ts) and run from source
// through tsx (prepare-off-thread.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { InputFormatError } from '../connectors/read-mentions';
import { prepareBatches, type PrepareOptions } from './prepare-batches';
import type { FromPrepareWorker, ToPrepareWorker } from './prepare-messages';

const port = parentPort;
if (!port) throw new Error('prepare-worker runs only as a worker thread');

const queue: (Uint8Array | null)[] = [];
let wake: (() => void) | null = null;
port.on('message', (m: ToPrepareWorker) => {
  queue.push(m.type === 'chunk' ? m.bytes : null);
  wake?.();
  wake = null;
});
const post = (m: FromPrepareWorker) => port.postMessage(m);

async function* input(): AsyncGenerator<Buffer> {
  for (;;) {
    if (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    const next = queue.shift();
    if (next === undefined) continue;
    if (next === null) return;
    post({ type: 'taken' });
    yield Buffer.from(next.buffer, next.byteOffset, next.byteLength);
  }
}

void (async () => {
  try {
    for await (const batch of prepareBatches(input(), workerData as PrepareOptions))
      post({ type: 'batch', batch });
    post({ type: 'done' });
  } catch (err) {
    post({
      type: 'failed',
      message: err instanceof Error ? err.message : String(err),
      format: err instanceof InputFormatError,
    });
  }
})();
