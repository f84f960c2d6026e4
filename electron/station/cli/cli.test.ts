import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { tempDir } from '../test-support/temp-dir';

const ROOT = path.resolve(__dirname, '../../..');
const BIN = path.join(ROOT, 'bin/holdline.js');

function holdline(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    cwd: ROOT,
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function startStation(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    [BIN, 'station', '--data', dataDir, '--port', '0', '--no-discovery'],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      const msg = JSON.parse(line) as { ready?: boolean; url?: string };
      if (msg.ready && msg.url) resolve({ child, url: msg.url });
    });
    child.once('exit', (code) => reject(new Error(`station exited with ${code}`)));
  });
}

let dir: string;
let cleanup: () => void;
let station: { child: ChildProcess; url: string } | null = null;
const pw = () => path.join(dir, 'pw');

beforeAll(() => {
  ({ dir, cleanup } = tempDir('holdline-cli-'));
  writeFileSync(pw(), 'a-long-password\n');
  const rows = [
    'id,channel,author,text,created_at',
    '1,twitter,@ana,"Where is my bag?",2015-02-24T11:35:52-08:00',
    '2,twitter,@bo,"Thanks, all good 👍",2015-02-24T11:40:00-08:00',
  ];
  writeFileSync(path.join(dir, 'mentions.csv'), rows.join('\n') + '\n');
  writeFileSync(
    path.join(dir, 'mentions.jsonl'),
    [
      JSON.stringify({
        id: 'j1',
        channel: 'twitter',
        author: '@cy',
        text: 'flight cancelled again',
        created_at: '2015-02-24T12:00:00-08:00',
      }),
      JSON.stringify({
        id: 'j2',
        channel: 'twitter',
        author: '@cy',
        text: 'still waiting',
        created_at: '2015-02-24T12:30:00-08:00',
      }),
    ].join('\n') + '\n',
  );
});

afterAll(() => {
  station?.child.kill('SIGKILL');
  cleanup();
});

describe('holdline CLI', () => {
  it('prints its help', () => {
    const r = holdline('--help');
    expect(r.code).toBe(0);
    for (const cmd of ['init', 'station', 'import', 'stats'])
      expect(r.stdout).toContain(`holdline ${cmd}`);
  });

  it('rejects bad usage with exit code 2 and says why', () => {
    expect(holdline('init', '--data', path.join(dir, 'x')).stderr).toMatch(
      /--war-room is required/,
    );
    expect(holdline('frobnicate').code).toBe(2);
    expect(
      holdline(
        'init',
        '--data',
        path.join(dir, 'x'),
        '--war-room',
        'R',
        '--admin',
        'ana',
        '--password-file',
        '/nonexistent',
      ).stderr,
    ).toMatch(/cannot read the password file/);
  });

  it('creates a war room without prompts and prints its identity', () => {
    const r = holdline(
      'init',
      '--data',
      path.join(dir, 'room'),
      '--war-room',
      'Storm week',
      '--admin',
      'lead',
      '--password-file',
      pw(),
    );
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, string>;
    expect(out.warRoom).toBe('Storm week');
    expect(out.stationId).toMatch(/^st-/);
    expect(out.joinCode).toMatch(/^HL-/);
    expect(
      holdline(
        'init',
        '--data',
        path.join(dir, 'room'),
        '--war-room',
        'Again',
        '--admin',
        'lead',
        '--password-file',
        pw(),
      ).code,
    ).toBe(1);
  });

  it('imports into a stopped station with a column mapping from a JSONL file', () => {
    const r = holdline(
      'import',
      path.join(dir, 'mentions.jsonl'),
      '--preset',
      'generic-jsonl',
      '--data',
      path.join(dir, 'room'),
    );
    expect(r.stderr).not.toMatch(/Error/);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ imported: 2, errors: 0 });
  });

  it('refuses to open a running station’s data, imports through it instead, and reports stats while it runs', async () => {
    station = await startStation(path.join(dir, 'room'));
    const health = (await (await fetch(new URL('/health', station.url))).json()) as {
      mentions: number;
    };
    expect(health.mentions).toBe(2);

    const direct = holdline(
      'import',
      path.join(dir, 'mentions.csv'),
      '--preset',
      'generic-csv',
      '--data',
      path.join(dir, 'room'),
    );
    expect(direct.code).toBe(1);
    expect(direct.stderr).toMatch(/belongs to a running station/);

    const remote = holdline(
      'import',
      path.join(dir, 'mentions.jsonl'),
      '--preset',
      'generic-jsonl',
      '--station',
      station.url,
      '--user',
      'lead',
      '--password-file',
      pw(),
    );
    expect(remote.code).toBe(0);
    expect(JSON.parse(remote.stdout)).toMatchObject({ imported: 0, duplicates: 2 });

    const stats = holdline('stats', '--data', path.join(dir, 'room'), '--json');
    expect(stats.code).toBe(0);
    expect(JSON.parse(stats.stdout)).toMatchObject({
      mentions: 2,
      byStatus: { open: 2 },
      authors: 1,
    });
  }, 60_000);

  it('clears a stale lock left by a killed station', async () => {
    station?.child.kill('SIGKILL');
    await new Promise((r) => station?.child.once('exit', r));
    station = null;
    const r = holdline('verify', '--data', path.join(dir, 'room'));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true });
  });
});
