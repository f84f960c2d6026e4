import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTwoHostLan, whyNoNamespaces, type Side } from '../test-support/netns';
import { eventually } from '../test-support/station-process';
import { tempDir } from '../test-support/temp-dir';

// Two stations of one room on a two-host LAN made of network namespaces (mDNS must never reach
// a real interface). B joins through A by address, then runs with no --peer at all: the link
// between them comes from discovery alone, and a mention imported on A reaches B over it.
const ROOT = path.resolve(__dirname, '../../..');
const BIN = path.join(ROOT, 'bin/holdline.js');
const PORT = 4120;

/** Runs `holdline ARGS…` inside a namespace (or on the host with ns null). */
function holdlineIn(ns: string | null, ...args: string[]) {
  const argv = [process.execPath, BIN, ...args];
  const r = ns
    ? spawnSync('ip', ['netns', 'exec', ns, ...argv], {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 120_000,
      })
    : spawnSync(argv[0] as string, argv.slice(1), {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 120_000,
      });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

type Station = { child: ChildProcess; stderr: () => string };
const stations: Station[] = [];

/** `holdline station` on the namespace's own address, discovery on; resolves once it serves. */
function startIn(side: Side, dataDir: string): Promise<Station> {
  const child = spawn(
    'ip',
    [
      'netns',
      'exec',
      side.ns,
      process.execPath,
      BIN,
      'station',
      '--data',
      dataDir,
      '--host',
      side.ip,
      '--port',
      String(PORT),
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const station = { child, stderr: () => err };
  stations.push(station);
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      if (line.includes('"ready":true')) resolve(station);
    });
    child.once('exit', (code) => reject(new Error(`station exited with ${code}: ${err}`)));
  });
}

type Stats = {
  mentions: number;
  sync: { peers: { stationId: string | null; connected: boolean }[] } | null;
};
/** `holdline stats` from inside the station's namespace (the host cannot reach its address). */
const stats = (side: Side, dir: string) => {
  const r = holdlineIn(side.ns, 'stats', '--data', dir, '--json');
  if (r.code !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as Stats;
};

const why = whyNoNamespaces();
if (why) console.warn(`LAN discovery tests need root and ip netns; skipped (${why})`);

describe.skipIf(why)('stations that find each other on the LAN', () => {
  let lan: ReturnType<typeof makeTwoHostLan>;
  let dir: string;
  let cleanup: () => void;
  const data = (name: string) => path.join(dir, name);

  beforeAll(async () => {
    lan = makeTwoHostLan('hllan');
    ({ dir, cleanup } = tempDir('holdline-lan-'));
    writeFileSync(data('pw'), 'a-long-password\n');
    const init = holdlineIn(
      null,
      'init',
      '--data',
      data('a'),
      '--war-room',
      'Venue',
      '--admin',
      'lead',
      '--password-file',
      data('pw'),
    );
    expect(init.code, init.stderr).toBe(0);
    const { joinCode } = JSON.parse(init.stdout) as { joinCode: string };
    await startIn(lan.a, data('a'));
    const join = holdlineIn(
      lan.b.ns,
      'join',
      '--data',
      data('b'),
      '--peer',
      `${lan.a.ip}:${PORT}`,
      '--code',
      joinCode,
    );
    expect(join.code, join.stderr).toBe(0);
  }, 180_000);

  afterAll(async () => {
    for (const s of stations) {
      if (s.child.exitCode === null) s.child.kill('SIGTERM');
      await new Promise((r) => (s.child.exitCode === null ? s.child.once('exit', r) : r(null)));
    }
    lan?.remove();
    cleanup?.();
  }, 60_000);

  it('links two stations with no address given, and a mention imported on one reaches the other', async () => {
    const b = await startIn(lan.b, data('b'));
    const file = data('calls.jsonl');
    writeFileSync(
      file,
      ['Lid cracked on the recalled kettle', 'Where do I send the kettle back?']
        .map((text, i) =>
          JSON.stringify({
            id: `lan-${i}`,
            author: '@venue',
            text,
            created_at: '2026-02-08T20:00:00Z',
            channel: 'twitter',
          }),
        )
        .join('\n') + '\n',
    );
    const imported = holdlineIn(
      lan.a.ns,
      'import',
      file,
      '--format',
      'jsonl',
      '--station',
      `http://${lan.a.ip}:${PORT}/`,
      '--user',
      'lead',
      '--password-file',
      data('pw'),
    );
    expect(imported.code, imported.stderr).toBe(0);
    await eventually(
      'the mentions on B',
      async () => stats(lan.b, data('b')).mentions === 2,
      30_000,
    ).catch((err: Error) => {
      throw new Error(`${err.message}; B logged:\n${b.stderr()}`);
    });
    const linked = stats(lan.a, data('a')).sync?.peers ?? [];
    expect(linked.filter((p) => p.connected)).toHaveLength(1);
  }, 120_000);
});
