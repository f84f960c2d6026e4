// An import worker's entry: prepares each group of records the station posts (prepare-group.ts)
// and posts the batch back. Built as its own file (electron.vite.config.ts) and run from source
// through tsx (prepare-off-thread.ts).
import { parentPort, workerData } from 'node:worker_threads';
import type { Preset } from '../connectors/preset';
import type { PrepareOptions } from './prepare-batches';
import { prepareGroup } from './prepare-group';
import type { FromPrepareWorker, ToPrepareWorker } from './prepare-messages';

const port = parentPort;
if (!port) throw new Error('prepare-worker runs only as a worker thread');
const opts = workerData as PrepareOptions & { preset: Preset };
const post = (m: FromPrepareWorker) => port.postMessage(m);

port.on('message', (m: ToPrepareWorker) => {
  try {
    const batch = prepareGroup(m.group, opts);
    // The payloads' bytes move to the station's thread instead of being copied (ingest-draft.ts).
    const transfer = batch.packed.map((p) => p.payloadJson.buffer as ArrayBuffer);
    port.postMessage(
      { type: 'batch', seq: m.group.seq, batch } satisfies FromPrepareWorker,
      transfer,
    );
  } catch (err) {
    post({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
  }
});
