import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProbeEvent } from './test-support/discovery-probe';
import { makeTwoHostLan, whyNoNamespaces, type Side } from '../test-support/netns';

// mDNS multicasts on every interface it finds, so discovery runs here only inside two network
// namespaces made for the test and joined by a veth pair: nothing reaches the machine's LAN.
// Each station is a probe process (test-support/discovery-probe.ts) printing what it finds.
const ROOT = path.resolve(__dirname, '../../..');
const PROBE = 'electron/station/sync/test-support/discovery-probe.ts';
const REQUERY_MS = 1000;
const EXPIRE_MS = 4000;

// Made in beforeAll (and removed in afterAll), so a filtered run leaves no namespace behind.
let lan: ReturnType<typeof makeTwoHostLan> | null = null;
let sideA: Side;
let sideB: Side;

const id = (prefix: string) => `${prefix}-${randomBytes(10).toString('hex')}`;
const ROOM = id('room');
const OTHER_ROOM = id('room');
const A = id('st');
const B = id('st');
const C = id('st');
const D = id('st');

type Seen = ProbeEvent & { at: number };
type Probe = {
  name: string;
  events: Seen[];
  stderr: () => string;
  /** Sends the signal and waits for the exit; the exit code (null when killed). */
  stop(signal: 'SIGTERM' | 'SIGKILL'): Promise<number | null>;
};
const probes: Probe[] = [];

/** Starts a probe in a namespace; resolves once it is running discovery. */
function startProbe(side: Side, name: string, args: string[]): Promise<Probe> {
  const child = spawn(
    'ip',
    ['netns', 'exec', side.ns, process.execPath, 'bin/run-ts.js', PROBE, ...args],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const probe: Probe = {
    name,
    events: [],
    stderr: () => err,
    stop: async (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
  probes.push(probe);
  createInterface({ input: child.stdout }).on('line', (line) => {
    // bonjour-service console.logs a name conflict to stdout: keep it with the stderr text.
    try {
      probe.events.push({ ...(JSON.parse(line) as ProbeEvent), at: Date.now() });
    } catch {
      err += `stdout: ${line}\n`;
    }
  });
  return waitFor(probe, 'ready', (e) => e.event === 'ready', 30_000).then(() => probe);
}

const station = (room: string, stationId: string, port: number, ...more: string[]) => [
  ...['--room', room, '--station', stationId, '--port', String(port)],
  ...['--requery', String(REQUERY_MS), '--expire', String(EXPIRE_MS), ...more],
];

/** The first event (past or coming) that matches; fails with what the probe said. */
async function waitFor(p: Probe, what: string, match: (e: Seen) => boolean, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const hit = p.events.find(match);
    if (hit) return hit;
    if (Date.now() > until) {
      const said = p.events.map((e) => JSON.stringify(e)).join('\n');
      throw new Error(`${p.name}: no ${what} in ${timeoutMs} ms\n${said}\n${p.stderr()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

const found =
  (stationId: string, after = 0) =>
  (e: Seen) =>
    e.event === 'found' && e.stationId === stationId && e.at >= after;
const lost =
  (stationId: string, after = 0) =>
  (e: Seen) =>
    e.event === 'lost' && e.stationId === stationId && e.at >= after;
const reported = (p: Probe) => new Set(p.events.flatMap((e) => e.stationId ?? []));

const why = whyNoNamespaces();
if (why) console.warn(`discovery tests need root and ip netns; skipped (${why})`);

describe.skipIf(why)('LAN discovery between two network namespaces', () => {
  let a: Probe;
  let b: Probe;
  let c: Probe;
  let d: Probe;

  beforeAll(async () => {
    lan = makeTwoHostLan('hldisc');
    ({ a: sideA, b: sideB } = lan);
    // A and B share a room, C and D share another; each room has a station on either side.
    [a, b, c, d] = await Promise.all([
      startProbe(sideA, 'A', station(ROOM, A, 4101)),
      startProbe(sideB, 'B', station(ROOM, B, 4102, '--interface', sideB.ip)),
      startProbe(sideB, 'C', station(OTHER_ROOM, C, 4103)),
      startProbe(sideA, 'D', station(OTHER_ROOM, D, 4104)),
    ]);
  }, 90_000);

  afterAll(async () => {
    await Promise.all(probes.map((p) => p.stop('SIGKILL')));
    lan?.remove();
  }, 30_000);

  it('finds the station of its room across the link, at the address and port it serves on', async () => {
    expect(await waitFor(a, 'B found', found(B), 20_000)).toMatchObject({
      host: sideB.ip,
      port: 4102,
      peers: [B],
    });
    expect(await waitFor(b, 'A found', found(A), 20_000)).toMatchObject({
      host: sideA.ip,
      port: 4101,
    });
  });

  it('never reports a station of another war room, nor itself, nor a known peer twice', async () => {
    // C and D find each other, so the other room is on the wire for A and B to ignore.
    await waitFor(c, 'D found', found(D), 20_000);
    await waitFor(d, 'C found', found(C), 20_000);
    await new Promise((r) => setTimeout(r, 3 * REQUERY_MS));
    expect(reported(a)).toEqual(new Set([B]));
    expect(reported(b)).toEqual(new Set([A]));
    expect(reported(c)).toEqual(new Set([D]));
    expect(reported(d)).toEqual(new Set([C]));
    expect(a.events.filter(found(B))).toHaveLength(1);
  });

  it('reports a station killed without a goodbye as lost once it has been silent for expireMs', async () => {
    const killedAt = Date.now();
    expect(await b.stop('SIGKILL')).toBeNull();
    const gone = await waitFor(a, 'B lost', lost(B), EXPIRE_MS + REQUERY_MS + 10_000);
    // Last heard at most one re-query before the kill, and checked once per re-query.
    expect(gone.at - killedAt).toBeGreaterThanOrEqual(EXPIRE_MS - REQUERY_MS - 500);
    expect(gone.at - killedAt).toBeLessThanOrEqual(EXPIRE_MS + REQUERY_MS + 5000);
    expect(gone.peers).toEqual([]);
  });

  it('finds a station again when it comes back, and reports its goodbye at once', async () => {
    const restartedAt = Date.now();
    // Same station, same port: bonjour-service's browser still holds the old record, so only a
    // fresh re-query notices the station is back.
    b = await startProbe(sideB, 'B again', station(ROOM, B, 4102));
    const back = await waitFor(a, 'B found again', found(B, restartedAt), 20_000);
    expect(back).toMatchObject({ host: sideB.ip, port: 4102 });

    const stoppedAt = Date.now();
    expect(await b.stop('SIGTERM')).toBe(0);
    expect(b.events.at(-1)?.event).toBe('stopped');
    const gone = await waitFor(a, 'B lost', lost(B, stoppedAt), EXPIRE_MS);
    expect(gone.at - stoppedAt).toBeLessThan(EXPIRE_MS / 2);
  });
});
