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

  it('assigns each mention once, to one operator, wherever the operators and mentions are', async () => {
    const deskAt = async (s: StationProcess, user: string, password: string) =>
      connectDesk(s.url, await loginToken(s.url, user, password));
    const lead = {
      a: await deskAt(a, 'lead', 'a-long-password'),
      c: await deskAt(c, 'lead', 'a-long-password'),
    };
    const open = [lead.a, lead.c];
    try {
      for (const username of ['olga', 'pete'])
        expect(
          await call(lead.a, 'operator.create', {
            username,
            displayName: username,
            password: `${username}-password`,
            role: 'operator',
          }),
        ).toMatchObject({ ok: true });
      // A and C have no link: each learns the other is up from presence relayed by B, so only
      // one station in the room decides.
      const idOf = async (s: StationProcess) =>
        ((await (await fetch(new URL('/health', s.url))).json()) as { stationId: string })
          .stationId;
      const [idA, idC] = [await idOf(a), await idOf(c)];
      const seen = { a: new Set<string>(), c: new Set<string>() };
      lead.a.on('presence.changed', (es: { stationId: string }[]) =>
        es.forEach((e) => seen.a.add(e.stationId)),
      );
      lead.c.on('presence.changed', (es: { stationId: string }[]) =>
        es.forEach((e) => seen.c.add(e.stationId)),
      );
      await call(lead.a, 'presence.set', { mentionId: 'twitter:1' });
      await call(lead.c, 'presence.set', { mentionId: 'twitter:1' });
      await eventually('A and C to see each other', async () => seen.a.has(idC) && seen.c.has(idA));

      // Olga works at B, Pete at C (accounts made at A replicate).
      const desks: Record<string, Awaited<ReturnType<typeof deskAt>>> = {};
      for (const [name, s] of [
        ['olga', b],
        ['pete', c],
      ] as const) {
        await eventually(`${name} can log in`, async () =>
          loginToken(s.url, name, `${name}-password`).then(
            () => true,
            () => false,
          ),
        );
        desks[name] = await deskAt(s, name, `${name}-password`);
        open.push(desks[name]);
        expect(
          await call(desks[name], 'roster.checkIn', { department: 'customer-care', capacity: 20 }),
        ).toMatchObject({ ok: true });
      }

      const csv = path.join(dir, 'wave.csv');
      const ids = Array.from({ length: 10 }, (_, i) => 100 + i);
      writeFileSync(
        csv,
        ['id,channel,author,text,created_at']
          .concat(
            ids.map(
              (i) =>
                `${i},twitter,@flyer${i},"flight ${i} delayed, bag missing",2015-02-24T12:00:00-08:00`,
            ),
          )
          .join('\n') + '\n',
      );
      const imp = holdline(
        'import',
        csv,
        '--preset',
        'generic-csv',
        '--station',
        c.url,
        '--user',
        'lead',
        '--password-file',
        pw(),
      );
      expect(imp.code, imp.stderr).toBe(0);

      const holders = async (s: StationProcess, desk: Awaited<ReturnType<typeof deskAt>>) =>
        Promise.all(
          ids.map(async (i) => {
            const r = await call(desk, 'mention.get', { mentionId: `twitter:${i}` });
            const m = r.ok ? (r.mention as { claim: { operatorName: string } | null }) : null;
            const assigns = r.ok
              ? (r.history as { type: string }[]).filter((e) => e.type === 'mention.assign').length
              : -1;
            return `${m?.claim?.operatorName ?? '-'}/${assigns}`;
          }),
        );
      const done = (h: string[]) => h.every((x) => /^(olga|pete)\/1$/.test(x));
      await eventually(
        'every mention assigned, on A and on C',
        async () => done(await holders(a, lead.a)) && done(await holders(c, lead.c)),
      );
      const onA = await holders(a, lead.a);
      expect(await holders(c, lead.c)).toEqual(onA);
      // Least loaded first: both take a share (how even depends on when each check-in reached
      // the deciding station).
      const olgas = onA.filter((h) => h.startsWith('olga')).length;
      expect(olgas).toBeGreaterThan(0);
      expect(olgas).toBeLessThan(10);
    } finally {
      for (const d of open) d.close();
    }
  });
});
