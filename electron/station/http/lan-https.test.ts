import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTwoHostLan, whyNoNamespaces } from '../test-support/netns';
import { tempDir } from '../test-support/temp-dir';

// HTTPS for browsers on the LAN, tested from another machine: a station in one network namespace
// on its own address, and a desk probe (test-support/lan-desk-probe.ts) in a second one across a
// veth pair. Loopback would not do: a request from this machine keeps plain HTTP by design.
const ROOT = path.resolve(__dirname, '../../..');
const BIN = path.join(ROOT, 'bin/holdline.js');
const PROBE = 'electron/station/http/test-support/lan-desk-probe.ts';
const PORT = 4121;

type Reply = { status: number; location: string | null; body: string; fingerprint: string | null };
type DeskAnswer = { connected: boolean; answer?: Record<string, unknown>; error?: string };
type Report = {
  pagePlain: Reply;
  loginPlain: number;
  turnOn?: DeskAnswer;
  pagePlainAfter: Reply;
  healthPlainAfter: number;
  loginPlainAfter: number;
  deskPlainAfter: DeskAnswer | null;
  pageHttps: Reply;
  loginHttps: number;
  access?: DeskAnswer;
  joinCode?: DeskAnswer;
};

const why = whyNoNamespaces();
if (why) console.warn(`LAN HTTPS tests need root and ip netns; skipped (${why})`);

describe.skipIf(why)('HTTPS for browsers on the LAN', () => {
  let lan: ReturnType<typeof makeTwoHostLan>;
  let dir: string;
  let cleanup: () => void;
  let station: ChildProcess | null = null;
  let stationLog = '';

  const probe = (user: string, password: string, turnOn: boolean): Report => {
    const args = [
      ...['netns', 'exec', lan.b.ns, process.execPath, path.join(ROOT, 'bin/run-ts.js'), PROBE],
      ...['--station', `${lan.a.ip}:${PORT}`, '--cert', path.join(dir, 'a', 'tls.crt')],
      ...['--user', user, '--password', password],
      ...(turnOn ? ['--turn-on'] : []),
    ];
    const r = spawnSync('ip', args, { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    if (r.status !== 0) throw new Error(`probe failed: ${r.stderr}\nstation: ${stationLog}`);
    return JSON.parse(r.stdout.trim().split('\n').at(-1) as string) as Report;
  };

  /** Runs station A in its namespace on its own address; resolves once it serves. */
  const startA = async () => {
    const child = spawn(
      'ip',
      [
        'netns',
        'exec',
        lan.a.ns,
        process.execPath,
        BIN,
        'station',
        '--data',
        path.join(dir, 'a'),
      ].concat(['--host', lan.a.ip, '--port', String(PORT), '--no-discovery']),
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    station = child;
    child.stderr?.on('data', (d: Buffer) => (stationLog += d.toString()));
    await new Promise<void>((resolve, reject) => {
      createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
        if (line.includes('"ready":true')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`station exited ${code}: ${stationLog}`)));
    });
  };
  const stopA = async () => {
    const child = station;
    if (!child || child.exitCode !== null) return;
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  };

  beforeAll(async () => {
    lan = makeTwoHostLan('hlssl');
    ({ dir, cleanup } = tempDir('holdline-lan-https-'));
    writeFileSync(path.join(dir, 'pw'), 'a-long-password\n');
    const init = spawnSync(
      process.execPath,
      [BIN, 'init', '--data', path.join(dir, 'a'), '--war-room', 'Venue', '--admin', 'lead'].concat(
        ['--password-file', path.join(dir, 'pw')],
      ),
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(init.status, init.stderr).toBe(0);
    await startA();
  }, 120_000);

  afterAll(async () => {
    await stopA();
    lan?.remove();
    cleanup?.();
  }, 60_000);

  it('serves plain HTTP until an admin turns HTTPS on; then moves LAN desks to HTTPS with the station certificate', async () => {
    const fingerprint = new X509Certificate(
      spawnSync('cat', [path.join(dir, 'a', 'tls.crt')], { encoding: 'utf8' }).stdout,
    ).fingerprint256;
    const r = probe('lead', 'a-long-password', true);
    // Before: the page and a login over plain HTTP.
    expect(r.pagePlain.status).toBe(200);
    expect(r.loginPlain).toBe(200);
    expect(r.turnOn?.answer).toMatchObject({ ok: true, lanHttps: true });
    // After: pages redirect to the same address over HTTPS, logins and desks over plain HTTP are
    // refused, and /health still answers (monitoring).
    expect(r.pagePlainAfter.status).toBe(308);
    expect(r.pagePlainAfter.location).toBe(`https://${lan.a.ip}:${PORT}/api/setup`);
    expect(r.healthPlainAfter).toBe(200);
    expect(r.loginPlainAfter).toBe(403);
    expect(r.deskPlainAfter?.connected).toBe(false);
    // Over HTTPS the station shows its own certificate, the one pinned in its admission.
    expect(r.pageHttps.status).toBe(200);
    expect(r.pageHttps.fingerprint).toBe(fingerprint);
    expect(r.loginHttps).toBe(200);
    const access = r.access?.answer as {
      addresses: string[];
      fingerprint: string;
      lanHttps: boolean;
    };
    expect(access.lanHttps).toBe(true);
    expect(access.addresses).toEqual([`${lan.a.ip}:${PORT}`]);
    expect(access.fingerprint).toBe(fingerprint.replaceAll(':', '').toLowerCase());
    const made = r.joinCode?.answer as { ok: boolean; code: string; expiresAt: string };
    expect(made.code).toMatch(/^HL-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(Date.parse(made.expiresAt)).toBeGreaterThan(Date.now() + 23 * 3_600_000);
  }, 120_000);

  it('keeps the choice across a restart', async () => {
    await stopA();
    await startA();
    const r = probe('lead', 'a-long-password', false);
    expect(r.pagePlain.status).toBe(308);
    expect(r.loginHttps).toBe(200);
    expect(stationLog).not.toMatch(/failed|Error/);
  }, 60_000);
});
