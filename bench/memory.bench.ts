import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { StationCore } from '../electron/station/core/core';
import { createOperator } from '../electron/station/room/war-room';
import { listOperators } from '../electron/station/db/queries/people';
import { call, connectDesk, loginToken } from '../electron/station/test-support/station-client';
import { BENCH_ROWS, benchStationDir, benchStationReady } from './fixture';
import { report } from './report';
import { run as buildStation } from './ingest.bench';

const ROOT = path.resolve(__dirname, '..');

function rssMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

function waitReady(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on('line', (line) => {
      try {
        const msg = JSON.parse(line) as { ready?: boolean; url?: string };
        if (msg.ready && msg.url) resolve(msg.url);
      } catch {
        // not our line
      }
    });
    child.once('exit', (code) => reject(new Error(`process exited with ${code}`)));
  });
}

// Baseline: a bare Node process with sqlite3 opening the same database and counting its rows.
const BASELINE_SCRIPT = `
const sqlite3 = require('sqlite3');
const db = new sqlite3.Database(process.argv[1], sqlite3.OPEN_READONLY);
db.get('SELECT count(*) AS n FROM mentions', () => { console.log(JSON.stringify({ ready: true, url: 'x' })); });
setInterval(() => {}, 1000);
`;

/** Memory: the station's RSS at BENCH_ROWS mentions while desks use it, against bare node + sqlite3. */
export async function run(): Promise<void> {
  if (!benchStationReady(BENCH_ROWS)) {
    console.log('building the station first (npm run bench -- ingest)…');
    await buildStation();
  }
  const dir = benchStationDir(BENCH_ROWS);
  const core = await StationCore.open(dir);
  if (!(await listOperators(core.db)).some((o) => o.username === 'bench')) {
    const admin = (await listOperators(core.db)).find((o) => o.role === 'admin');
    await createOperator(core, admin?.id as string, {
      username: 'bench',
      displayName: 'Bench',
      password: 'bench-password',
      role: 'operator',
      departments: [],
    });
  }
  await core.close();

  const station = spawn(
    process.execPath,
    [path.join(ROOT, 'bin/holdline.js'), 'station', '--data', dir, '--port', '0', '--no-discovery'],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const baseline = spawn(process.execPath, ['-e', BASELINE_SCRIPT, path.join(dir, 'holdline.db')], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const url = await waitReady(station);
    await waitReady(baseline);
    const desks = await Promise.all(
      [1, 2, 3].map(async () => connectDesk(url, await loginToken(url, 'bench', 'bench-password'))),
    );
    // A working session: scroll the queue, filter, search, open mentions.
    for (let i = 0; i < 20; i++) {
      for (const d of desks) {
        await call(d, 'mention.window', {
          query: { sort: i % 2 ? 'priority' : 'newest' },
          offset: i * 5000,
          limit: 200,
        });
        await call(d, 'mention.window', {
          query: { search: ['flight', 'bag', 'refund', 'delay'][i % 4] },
          offset: 0,
          limit: 200,
        });
      }
    }
    await call(desks[0] as never, 'mention.facets', {});
    const s = rssMb(station.pid as number);
    const b = rssMb(baseline.pid as number);
    for (const d of desks) d.close();
    console.log(
      `station RSS ${s.rss.toFixed(0)} MB (peak ${s.peak.toFixed(0)} MB); bare node+sqlite3 ${b.rss.toFixed(0)} MB`,
    );
    report([
      {
        name: 'station.rss',
        value: s.rss,
        unit: 'MB',
        baseline: b.rss,
        baselineName: 'bare node + sqlite3 on the same db',
        better: 'lower',
        goal: '< 250 MB',
      },
      {
        name: 'station.rss-peak',
        value: s.peak,
        unit: 'MB',
        baseline: b.peak,
        baselineName: 'bare node + sqlite3 on the same db',
        better: 'lower',
        goal: '< 250 MB',
      },
    ]);
  } finally {
    station.kill('SIGTERM');
    baseline.kill('SIGTERM');
  }
}
