import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { call, connectDesk, loginToken } from '../test-support/station-client';
import {
  eventually,
  holdline,
  startStationProcess,
  type StationProcess,
} from '../test-support/station-process';
import { tempDir } from '../test-support/temp-dir';

// Three stations as real processes on 127.0.0.1: A made the room; B joined through A, C through
// B, and each runs with a --peer link to the one it joined through (A ← B ← C).
let dir: string;
let cleanup: () => void;
const stations: StationProcess[] = [];
let a: StationProcess;
let b: StationProcess;
let c: StationProcess;
const pw = () => path.join(dir, 'pw');

const health = async (s: StationProcess) =>
  (await (await fetch(new URL('/health', s.url))).json()) as { mentions: number; ops: number };

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('holdline-sync-'));
  writeFileSync(pw(), 'a-long-password\n');
  const init = holdline(
    'init',
    '--data',
    path.join(dir, 'a'),
    '--war-room',
    'Storm week',
    '--admin',
    'lead',
    '--password-file',
    pw(),
  );
  expect(init.code, init.stderr).toBe(0);
  const { joinCode } = JSON.parse(init.stdout) as { joinCode: string };
  a = await startStationProcess(path.join(dir, 'a'));
  stations.push(a);

  const joinB = holdline(
    'join',
    '--data',
    path.join(dir, 'b'),
    '--peer',
    a.address,
    '--code',
    joinCode,
    '--name',
    'desk B',
  );
  expect(joinB.code, joinB.stderr).toBe(0);
  expect(JSON.parse(joinB.stdout)).toMatchObject({ warRoom: 'Storm week' });
  b = await startStationProcess(path.join(dir, 'b'), ['--peer', a.address]);
  stations.push(b);

  const joinC = holdline(
    'join',
    '--data',
    path.join(dir, 'c'),
    '--peer',
    b.address,
    '--code',
    joinCode,
    '--name',
    'desk C',
  );
  expect(joinC.code, joinC.stderr).toBe(0);
  c = await startStationProcess(path.join(dir, 'c'), ['--peer', b.address]);
  stations.push(c);
}, 120_000);

afterAll(async () => {
  for (const s of stations) await s.stop();
  cleanup?.();
});

describe('three stations', () => {
  it('refuse a wrong join code, with a log line on the member, and keep serving', async () => {
    const r = holdline(
      'join',
      '--data',
      path.join(dir, 'x'),
      '--peer',
      a.address,
      '--code',
      'HL-AAAA-BBBB-CCCC',
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/wrong join code/);
    await eventually('the refusal in A’s log', async () =>
      /\[join\] refused station/.test(a.stderr()),
    );
    expect((await health(a)).ops).toBeGreaterThan(0);
  });

  it('show a mention imported on one station on the others, and a claim made on one on all', async () => {
    const csv = path.join(dir, 'mentions.csv');
    writeFileSync(
      csv,
      [
        'id,channel,author,text,created_at',
        '1,twitter,@ana,"Where is my bag?",2015-02-24T11:35:52-08:00',
        '2,twitter,@bo,"<b>cancelled</b> again",2015-02-24T11:40:00-08:00',
      ].join('\n') + '\n',
    );
    const imp = holdline(
      'import',
      csv,
      '--preset',
      'generic-csv',
      '--station',
      a.url,
      '--user',
      'lead',
      '--password-file',
      pw(),
    );
    expect(imp.code, imp.stderr).toBe(0);
    for (const s of [b, c])
      await eventually(
        `both mentions on ${s.address}`,
        async () => (await health(s)).mentions === 2,
      );

    // The account made on A logs in at C: accounts replicate.
    const desk = await connectDesk(c.url, await loginToken(c.url, 'lead', 'a-long-password'));
    try {
      const claim = await call(desk, 'mention.claim', { mentionId: 'twitter:2', basis: null });
      expect(claim).toMatchObject({ ok: true, won: true });
    } finally {
      desk.close();
    }
    const onA = await connectDesk(a.url, await loginToken(a.url, 'lead', 'a-long-password'));
    try {
      await eventually('the claim on A', async () => {
        const r = await call(onA, 'mention.get', { mentionId: 'twitter:2' });
        return r.ok && (r.mention as { claim: unknown } | undefined)?.claim !== null;
      });
      const r = await call(onA, 'mention.get', { mentionId: 'twitter:2' });
      expect(r).toMatchObject({ ok: true, mention: { text: '<b>cancelled</b> again' } });
    } finally {
      onA.close();
    }
    const [ha, hb, hc] = await Promise.all([health(a), health(b), health(c)]);
    await eventually('the same op count everywhere', async () => {
      const [x, y, z] = await Promise.all([health(a), health(b), health(c)]);
      return x.ops === y.ops && y.ops === z.ops;
    });
    expect(ha.mentions + hb.mentions + hc.mentions).toBe(6);
  });

  it('report peers and lag in holdline stats while running', async () => {
    await eventually('B to have no lag', async () => {
      const r = holdline('stats', '--data', path.join(dir, 'b'), '--json');
      const sync = (
        JSON.parse(r.stdout) as {
          sync: { peers: { connected: boolean; behind: number; ahead: number }[] } | null;
        }
      ).sync;
      return Boolean(sync?.peers.some((p) => p.connected && p.behind === 0 && p.ahead === 0));
    });
    const text = holdline('stats', '--data', path.join(dir, 'c'));
    expect(text.stdout).toMatch(/peers:\n\s+\S+\s+connected\s+behind 0 ahead 0 last seen \d{4}-/);
  });
});
