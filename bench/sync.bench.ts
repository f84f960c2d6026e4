import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { createRequire } from 'node:module';
import { Server as IoServer } from 'socket.io';
import { io as connectIo } from 'socket.io-client';
import { loginToken } from '../electron/station/test-support/station-client';
import {
  holdline,
  startStationProcess,
  type StationProcess,
} from '../electron/station/test-support/station-process';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { StationCore } from '../electron/station/core/core';
import { versionVectorOf } from '../electron/station/db/queries/sync';
import { ingestDraft } from '../electron/station/ingest/ingest-draft';
import { saveBootstrap } from '../electron/station/room/join';
import { createWarRoom } from '../electron/station/room/war-room';
import { startStation } from '../electron/station/station';
import { tempDir } from '../electron/station/test-support/temp-dir';
import { report } from './report';

const OPS = Number(process.env.HOLDLINE_BENCH_SYNC_OPS ?? 100_000);

// PouchDB has no type declarations; it is only the baseline here.
type Pouch = {
  bulkDocs(docs: object[]): Promise<unknown>;
  info(): Promise<{ doc_count: number }>;
};
type PouchCtor = (new (name: string) => Pouch) & {
  defaults(o: object): PouchCtor;
  plugin(p: unknown): PouchCtor;
  replicate(a: Pouch, b: Pouch, o: object): Promise<unknown>;
};

/** A mention as both sides carry it: the same fields, so the documents are alike in size. */
const mentionOf = (i: number) => ({
  channel: 'twitter' as const,
  externalId: String(900_000_000 + i),
  author: { handle: `@flyer${i % 997}` },
  text: `@united flight ${i} delayed three hours, bags missing and nobody at the desk. #fail`,
  occurredAt: new Date(Date.UTC(2015, 1, 22) + i * 1000).toISOString(),
  metadata: { retweet_count: i % 7 },
});

/** PouchDB over HTTP on loopback: a memory database replicated to express-pouchdb. */
async function pouchReplication(n: number): Promise<number> {
  const load = createRequire(__filename);
  const PouchDB = (load('pouchdb-core') as PouchCtor)
    .plugin(load('pouchdb-adapter-memory'))
    .plugin(load('pouchdb-adapter-http'))
    .plugin(load('pouchdb-replication'))
    .plugin(load('pouchdb-mapreduce'));
  const Mem = PouchDB.defaults({ adapter: 'memory' });
  const express = load('express') as () => {
    use(p: string, h: unknown): void;
    listen(port: number, host: string, cb: () => void): import('node:http').Server;
  };
  const app = express();
  const t = tempDir('holdline-pouch-');
  app.use(
    '/',
    (load('express-pouchdb') as (db: unknown, o: object) => unknown)(Mem, {
      mode: 'minimumForPouchDB',
      inMemoryConfig: true,
      logPath: path.join(t.dir, 'log.txt'),
    }),
  );
  const server = await new Promise<import('node:http').Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  try {
    const src = new Mem('src');
    for (let i = 0; i < n; i += 1000)
      await src.bulkDocs(
        Array.from({ length: Math.min(1000, n - i) }, (_, k) => ({
          _id: `twitter:${900_000_000 + i + k}`,
          ...mentionOf(i + k),
        })),
      );
    const remote = new PouchDB(`http://127.0.0.1:${(server.address() as AddressInfo).port}/dst`);
    const t0 = performance.now();
    await PouchDB.replicate(src, remote, { batch_size: 1000 });
    const seconds = (performance.now() - t0) / 1000;
    const count = (await remote.info()).doc_count;
    if (count !== n) throw new Error(`PouchDB replicated ${count} of ${n} documents`);
    return n / seconds;
  } finally {
    server.close();
    t.cleanup();
  }
}

/**
 * Holdline: a fresh station pulls `n` ops (one mention each) from a peer over /peer. The peer is
 * its own process, as on another desk: in one process the two stations' JavaScript took turns on
 * one thread, which no real room does.
 */
export async function holdlineCatchUp(n: number): Promise<number> {
  const t = tempDir('holdline-bench-sync-');
  try {
    const dirA = path.join(t.dir, 'a');
    const dirB = path.join(t.dir, 'b');
    const b0 = await StationCore.open(dirB);
    const bKey = { id: b0.stationId, key: b0.key.publicKeyPem, cert: b0.tls.cert };
    const a0 = await StationCore.open(dirA);
    const { adminId, warRoomId } = await createWarRoom(a0, {
      warRoom: 'Bench',
      username: 'lead',
      displayName: 'Lead',
      password: 'bench-password',
    });
    await a0.commit([
      {
        type: 'station.admit',
        v: 1,
        actor: adminId,
        subject: bKey.id,
        payload: {
          stationId: bKey.id,
          publicKey: bKey.key,
          name: 'bench desk',
          tlsCert: bKey.cert,
        },
      },
    ]);
    for (let i = 0; i < n; i += 1000)
      await a0.commit(
        Array.from({ length: Math.min(1000, n - i) }, (_, k) =>
          ingestDraft(mentionOf(i + k), adminId, { connector: 'manual' }),
        ),
      );
    const target = await versionVectorOf(a0.db);
    await saveBootstrap(b0.db, {
      roomId: warRoomId,
      members: [{ stationId: a0.stationId, publicKey: a0.key.publicKeyPem, tlsCert: a0.tls.cert }],
    });
    await a0.close();
    await b0.close();
    const total = Object.values(target).reduce((x, y) => x + y, 0);
    console.log(`peer holds ${total.toLocaleString('en-US')} ops; a fresh station pulls them`);

    const a = await startStationProcess(dirA);
    try {
      const t0 = performance.now();
      const b = await startStation({
        dataDir: dirB,
        port: 0,
        discovery: false,
        rendererDir: null,
        peers: [a.address],
      });
      try {
        // Done when every op is held and any index the catch-up deferred is built again.
        for (;;) {
          const have = await versionVectorOf(b.core.read);
          const all = Object.entries(target).every(([o, s]) => (have[o] ?? 0) >= s);
          if (all && !b.core.mentionIndexesAreDeferred) break;
          await new Promise((r) => setTimeout(r, 20));
        }
        return total / ((performance.now() - t0) / 1000);
      } finally {
        await b.close();
      }
    } finally {
      await a.stop();
    }
  } finally {
    t.cleanup();
  }
}

/** Round trips of acknowledged socket.io messages on loopback: the floor under propagation. */
async function socketIoRoundTrip(n: number): Promise<{ p50: number; p99: number }> {
  const http = createServer();
  const io = new IoServer(http);
  io.on('connection', (s) => s.on('ping', (_: unknown, ack: () => void) => ack()));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const client = connectIo(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, {
    transports: ['websocket'],
  });
  await new Promise<void>((resolve) => client.once('connect', () => resolve()));
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await client.emitWithAck('ping', i);
    times.push(performance.now() - t0);
  }
  client.close();
  await new Promise<void>((resolve) => io.close(() => resolve()));
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(n * 0.5)] ?? 0, p99: times[Math.floor(n * 0.99)] ?? 0 };
}

/**
 * A live feed into one station: RATE mentions/s as JSONL lines streamed into POST /api/import
 * (the way a firehose is piped in), a burst every 10 ms for SECONDS.
 */
async function liveFeed(
  base: string,
  token: string,
  rate: number,
  seconds: number,
  prefix: string,
): Promise<{ sent: number; rate: number }> {
  const url = new URL('/api/import?format=jsonl', base);
  const req = request(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' },
  });
  const done = new Promise<string>((resolve, reject) => {
    req.on('response', (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve(body));
    });
    req.on('error', reject);
  });
  const t0 = performance.now();
  let sent = 0;
  while (performance.now() - t0 < seconds * 1000) {
    const due = Math.round(((performance.now() - t0) / 1000) * rate);
    let burst = '';
    for (; sent < due; sent++)
      burst +=
        JSON.stringify({
          id: `${prefix}-${sent}`,
          author: `@caller${sent % 500}`,
          text: `live ${sent}: the app charged me twice`,
          created_at: new Date().toISOString(),
          channel: 'twitter',
        }) + '\n';
    if (burst) req.write(burst);
    await new Promise((r) => setTimeout(r, 10));
  }
  const elapsed = (performance.now() - t0) / 1000;
  req.end();
  const summary = (await done).trim().split('\n').at(-1) ?? '';
  if (!summary.includes(`"imported":${sent}`)) throw new Error(`live feed: ${summary}`);
  return { sent, rate: sent / elapsed };
}

/**
 * Live propagation: STATIONS processes linked in a mesh, RATE mentions/s entered on the first
 * for SECONDS; each other station reports how long ops took from commit there to applied here.
 */
export async function livePropagation(): Promise<{ p50: number; p99: number; rate: number }> {
  const STATIONS = Number(process.env.HOLDLINE_BENCH_SYNC_STATIONS ?? 5);
  const RATE = Number(process.env.HOLDLINE_BENCH_SYNC_RATE ?? 1_000);
  const SECONDS = Number(process.env.HOLDLINE_BENCH_SYNC_SECONDS ?? 10);
  const WARM_SECONDS = 3;
  const t = tempDir('holdline-bench-live-');
  const running: StationProcess[] = [];
  try {
    const pw = path.join(t.dir, 'pw');
    writeFileSync(pw, 'bench-password\n');
    const dirs = Array.from({ length: STATIONS }, (_, i) => path.join(t.dir, `s${i}`));
    const init = holdline(
      'init',
      '--data',
      dirs[0] as string,
      '--war-room',
      'Live',
      '--admin',
      'lead',
      '--password-file',
      pw,
    );
    const { joinCode } = JSON.parse(init.stdout) as { joinCode: string };
    running.push(await startStationProcess(dirs[0] as string));
    for (let i = 1; i < STATIONS; i++) {
      const joined = holdline(
        'join',
        '--data',
        dirs[i] as string,
        '--peer',
        (running[0] as StationProcess).address,
        '--code',
        joinCode,
      );
      if (joined.code !== 0) throw new Error(`join failed: ${joined.stderr}`);
      running.push(
        await startStationProcess(
          dirs[i] as string,
          running.flatMap((r) => ['--peer', r.address]),
        ),
      );
    }
    const source = running[0] as StationProcess;
    const token = await loginToken(source.url, 'lead', 'bench-password');
    const status = async (s: StationProcess, since?: number) =>
      (await (
        await fetch(new URL(`/api/sync${since ? `?since=${since}` : ''}`, s.url))
      ).json()) as {
        vector: Record<string, number>;
        propagation: { samples: number; p50Ms: number | null; p99Ms: number | null };
      };
    const converged = async () => {
      const target = (await status(source)).vector;
      for (const s of running.slice(1)) {
        for (;;) {
          const v = (await status(s)).vector;
          if (Object.entries(target).every(([o, n]) => (v[o] ?? 0) >= n)) break;
          await new Promise((r) => setTimeout(r, 50));
        }
      }
    };
    // Stations run for hours in a war room: the figure is theirs once warm (code compiled, caches
    // filled, the import pipeline running), after a feed at the same rate for WARM_SECONDS.
    await liveFeed(source.url, token, RATE, WARM_SECONDS, 'warm');
    await converged();
    const since = Date.now();
    const { sent, rate } = await liveFeed(source.url, token, RATE, SECONDS, 'live');
    await converged();
    const summaries = await Promise.all(
      running.slice(1).map(async (s) => (await status(s, since)).propagation),
    );
    console.log(
      `live: ${sent} mentions at ${Math.round(rate)}/s on one station over ${SECONDS} s, after ${WARM_SECONDS} s of warm-up; per other station p50/p99 ms: ${summaries.map((x) => `${x.p50Ms}/${x.p99Ms}`).join(', ')}`,
    );
    if (process.env.HOLDLINE_BENCH_VERBOSE)
      for (const r of running) {
        const stat = readFileSync(`/proc/${r.child.pid}/stat`, 'utf8').split(' ');
        console.log(`station cpu ${(Number(stat[13]) + Number(stat[14])) / 100} s`);
        console.log(
          r
            .stderr()
            .split('\n')
            .filter((_, i) => i % 25 === 0)
            .slice(0, 40)
            .join('\n'),
        );
      }
    return {
      p50: Math.max(...summaries.map((x) => x.p50Ms ?? 0)),
      p99: Math.max(...summaries.map((x) => x.p99Ms ?? 0)),
      rate,
    };
  } finally {
    for (const r of running) await r.stop();
    t.cleanup();
  }
}

/** Sync: catch-up against PouchDB replication, and live propagation across five stations. */
export async function run(): Promise<void> {
  const ours = await holdlineCatchUp(OPS);
  const pouch = await pouchReplication(OPS);
  const live = await livePropagation();
  const rtt = await socketIoRoundTrip(2_000);
  report([
    {
      name: 'sync.propagation-p99',
      value: live.p99,
      unit: 'ms',
      baseline: rtt.p99,
      baselineName: 'socket.io acked round trip p99, loopback',
      better: 'lower',
      goal: '< 50 ms (worst of 4 stations, 5-station mesh, 1,000 mentions/s streamed into one)',
    },
    {
      name: 'sync.propagation-p50',
      value: live.p50,
      unit: 'ms',
      baseline: rtt.p50,
      baselineName: 'socket.io acked round trip p50, loopback',
      better: 'lower',
    },
    {
      name: 'sync.catch-up',
      value: ours,
      unit: 'ops/s',
      baseline: pouch,
      baselineName: 'PouchDB 9 replication over HTTP, loopback, memory adapters (docs/s)',
      better: 'higher',
      goal: '≥ 2× PouchDB',
    },
  ]);
}
