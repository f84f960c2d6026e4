import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';

/** What a load run saw: its wall time, each request's latency and the answers by status. */
export type LoadResult = {
  elapsedMs: number;
  latencies: number[];
  statuses: Record<string, number>;
};

// The senders run in a worker thread, so the server under test (in the main thread, as a
// station is when started in-process) does not share its event loop with the load. Plain JS:
// a worker does not go through bin/run-ts.js's TypeScript loader.
const SENDERS = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { url, headers, bodies, senders } = workerData;
const target = new URL(url);
const agent = new http.Agent({ keepAlive: true, maxSockets: senders });
const latencies = new Array(bodies.length).fill(0);
const statuses = {};
let next = 0;
const send = (body) => new Promise((resolve, reject) => {
  const req = http.request({
    host: target.hostname, port: target.port, path: target.pathname, method: 'POST', agent,
    headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
  }, (res) => {
    res.resume();
    res.once('end', () => resolve(res.statusCode));
    res.once('error', reject);
  });
  req.once('error', reject);
  req.end(body);
});
const sender = async () => {
  while (next < bodies.length) {
    const i = next++;
    const t0 = performance.now();
    const status = await send(bodies[i]);
    latencies[i] = performance.now() - t0;
    statuses[status] = (statuses[status] || 0) + 1;
  }
};
(async () => {
  const t0 = performance.now();
  await Promise.all(Array.from({ length: senders }, sender));
  const elapsedMs = performance.now() - t0;
  agent.destroy();
  parentPort.postMessage({ elapsedMs, latencies, statuses });
})().catch((err) => parentPort.postMessage({ error: String((err && err.stack) || err) }));
`;

/** POSTs every body to `url` from `senders` concurrent keep-alive connections (a worker thread). */
export async function postAll(
  url: string,
  headers: Record<string, string>,
  bodies: readonly string[],
  senders: number,
): Promise<LoadResult> {
  const worker = new Worker(SENDERS, { eval: true, workerData: { url, headers, bodies, senders } });
  try {
    const got = await new Promise<LoadResult | { error: string }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the load worker exited (${code})`)));
    });
    if ('error' in got) throw new Error(`the load worker failed: ${got.error}`);
    return got;
  } finally {
    await worker.terminate();
  }
}

/** A bare node:http server on 127.0.0.1: reads the body, JSON.parses it, answers 202. */
export async function startBareServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.once('end', () => {
      const items = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
      res.writeHead(202, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ ok: true, items: Array.isArray(items) ? items.length : 1 }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/ingest/bare`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The p-th percentile of sorted values (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** The median of values. */
export function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}
