import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { call, connectDesk, loginToken, type DeskClient } from '../test-support/station-client';
import {
  eventually,
  holdline,
  startStationProcess,
  type StationProcess,
} from '../test-support/station-process';
import { tempDir } from '../test-support/temp-dir';

// Three stations as real processes on 127.0.0.1 (A ← B ← C, as in sync/three-stations.test.ts).
// C is offline while an admin on A erases one author; C meanwhile takes in another mention of
// theirs (a late arrival for A and B). Afterwards the author's handle and words are nowhere.
// Stations record staffing samples by themselves: one made just before a stop would differ.
process.env.HOLDLINE_STAFFING_SAMPLES = '0';
const HANDLE = 'VictimHandle';
const NEEDLES = ['VictimHandle', 'victimhandle', 'SECRETVICTIM', 'SECRETLATE'];

let dir: string;
let cleanup: () => void;
const running = new Map<string, StationProcess>();
const logs: string[] = [];
const pw = () => path.join(dir, 'pw');
const data = (s: string) => path.join(dir, s);

async function start(name: string, extra: string[] = []): Promise<StationProcess> {
  const s = await startStationProcess(data(name), ['--no-discovery', ...extra]);
  running.set(name, s);
  return s;
}
async function stop(name: string): Promise<void> {
  const s = running.get(name);
  if (!s) return;
  await s.stop();
  logs.push(s.stderr());
  running.delete(name);
}
const health = async (s: StationProcess) =>
  (await (await fetch(new URL('/health', s.url))).json()) as { mentions: number; ops: number };

function csv(file: string, rows: string[]): string {
  const f = path.join(dir, file);
  writeFileSync(f, ['id,channel,author,text,created_at', ...rows].join('\n') + '\n');
  return f;
}

function filesUnder(root: string): string[] {
  return readdirSync(root).flatMap((n) => {
    const p = path.join(root, n);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('holdline-erasure-stations-'));
  writeFileSync(pw(), 'a-long-password\n');
  const init = holdline(
    'init',
    '--data',
    data('a'),
    '--war-room',
    'Storm week',
    '--admin',
    'lead',
    '--password-file',
    pw(),
  );
  expect(init.code, init.stderr).toBe(0);
  const { joinCode } = JSON.parse(init.stdout) as { joinCode: string };
  const a = await start('a');
  const joinB = holdline('join', '--data', data('b'), '--peer', a.address, '--code', joinCode);
  expect(joinB.code, joinB.stderr).toBe(0);
  const b = await start('b', ['--peer', a.address]);
  const joinC = holdline('join', '--data', data('c'), '--peer', b.address, '--code', joinCode);
  expect(joinC.code, joinC.stderr).toBe(0);
  await start('c', ['--peer', b.address]);
}, 120_000);

afterAll(async () => {
  for (const name of [...running.keys()]) await stop(name);
  if (process.env.HOLDLINE_KEEP_TEST_DIR) console.log(`kept ${dir}`);
  else cleanup?.();
});

describe('erasure across stations', () => {
  it('reaches every station (one offline meanwhile): nothing of the author left in files, exports or logs; chains verify; digests equal', async () => {
    const a = running.get('a') as StationProcess;
    const b = running.get('b') as StationProcess;
    const imp = holdline(
      'import',
      csv('mentions.csv', [
        `1,twitter,@${HANDLE},"<script>alert('SECRETVICTIM')</script> my bag",2015-02-24T11:35:52-08:00`,
        '2,twitter,@bo,"<b>cancelled</b> again",2015-02-24T11:40:00-08:00',
        `3,twitter,@${HANDLE},"SECRETVICTIM second time",2015-02-24T11:45:00-08:00`,
        '4,twitter,@cy,"thanks for the upgrade",2015-02-24T11:50:00-08:00',
      ]),
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
    for (const s of running.values())
      await eventually('4 mentions everywhere', async () => (await health(s)).mentions === 4);

    // C goes offline and, alone, takes in another (older) mention of the author's.
    await stop('c');
    const late = holdline(
      'import',
      csv('late.csv', [`5,twitter,@${HANDLE},"SECRETLATE from C",2015-02-24T12:00:00-08:00`]),
      '--preset',
      'generic-csv',
      '--data',
      data('c'),
    );
    expect(late.code, late.stderr).toBe(0);

    const admin = await connectDesk(a.url, await loginToken(a.url, 'lead', 'a-long-password'));
    let operator: DeskClient | null = null;
    try {
      expect(
        await call(admin, 'operator.create', {
          username: 'olga',
          displayName: 'Olga',
          password: 'olga-password',
          role: 'operator',
        }),
      ).toMatchObject({ ok: true });
      operator = await connectDesk(a.url, await loginToken(a.url, 'olga', 'olga-password'));
      // Refusals: a non-admin, an unknown author, a malformed request.
      expect(
        await call(operator, 'erasure.request', {
          channel: 'twitter',
          handle: HANDLE,
          reference: 'DSR-1',
        }),
      ).toMatchObject({ ok: false, code: 'forbidden' });
      expect(
        await call(admin, 'erasure.request', {
          channel: 'twitter',
          handle: '@nobody',
          reference: 'DSR-1',
        }),
      ).toMatchObject({ ok: false, code: 'not-found' });
      expect(
        await call(admin, 'erasure.request', { channel: 'pigeon', handle: HANDLE } as never),
      ).toMatchObject({ ok: false, code: 'invalid' });

      expect(
        await call(admin, 'erasure.preview', { channel: 'twitter', handle: `@${HANDLE}` }),
      ).toMatchObject({ ok: true, mentions: 2, channels: ['twitter'] });
      const req = await call(admin, 'erasure.request', {
        channel: 'twitter',
        handle: `@${HANDLE}`,
        reference: 'DSR-2026-0042',
      });
      expect(req).toMatchObject({
        ok: true,
        erasure: {
          requestedBy: 'lead',
          reference: 'DSR-2026-0042',
          effect: 'applied',
          requestedItems: 2,
        },
      });
      const list = await call(admin, 'erasure.list', {});
      expect(JSON.stringify(list)).not.toMatch(/ictim/i);
    } finally {
      operator?.close();
      admin.close();
    }
    for (const s of [a, b])
      await eventually('the author erased', async () => (await health(s)).mentions === 2);

    // C comes back: it gets the erasure with its catch-up, and its late mention reaches A and B.
    const c = await start('c', ['--peer', b.address]);
    await eventually(
      'the same ops everywhere',
      async () => {
        const hs = await Promise.all([a, b, c].map(health));
        return hs.every((h) => h.ops === hs[0]?.ops && h.mentions === 2);
      },
      40_000,
    );
    for (const s of [a, b, c])
      await eventually('files scrubbed', async () =>
        /\[privacy\] .*files scrubbed/.test(s.stderr()),
      );

    // Every desk confirms it applied the erasure and scrubbed its files: A's record shows all three.
    const lead = await connectDesk(a.url, await loginToken(a.url, 'lead', 'a-long-password'));
    try {
      await eventually(
        'three confirmations on A',
        async () => {
          const r = await call(lead, 'erasure.list', {});
          const stations = r.ok
            ? (r.erasures as { stations: { confirmedAt: string | null }[] }[])[0]?.stations
            : [];
          return stations?.length === 3 && stations.every((st) => st.confirmedAt !== null);
        },
        30_000,
      );
    } finally {
      lead.close();
    }
    await eventually('the same ops everywhere again', async () => {
      const hs = await Promise.all([a, b, c].map(health));
      return hs.every((h) => h.ops === hs[0]?.ops);
    });
    for (const name of ['a', 'b', 'c']) await stop(name);
    const digests = ['a', 'b', 'c'].map((n) => {
      const r = holdline('verify', '--data', data(n));
      expect(r.code, r.stdout + r.stderr).toBe(0);
      return (JSON.parse(r.stdout) as { ok: boolean; digest: string }).digest;
    });
    expect(new Set(digests).size).toBe(1);

    // Exports: the review reports and the ledger (which still verifies).
    const out = (f: string) => path.join(dir, f);
    for (const format of ['html', 'md', 'csv']) {
      const r = holdline(
        'report',
        '--data',
        data('a'),
        '--from',
        '2015-02-24T00:00:00Z',
        '--to',
        '2015-02-26T00:00:00Z',
        '--format',
        format,
        '--out',
        out(`report.${format}`),
      );
      expect(r.code, r.stderr).toBe(0);
    }
    const ledger = holdline('ledger', 'export', '--data', data('b'), '--out', out('ledger.jsonl'));
    expect(ledger.code, ledger.stderr).toBe(0);
    expect(holdline('ledger', 'verify', out('ledger.jsonl')).code).toBe(0);

    const files = [
      ...['a', 'b', 'c'].flatMap((n) => filesUnder(data(n))),
      ...['report.html', 'report.md', 'report.csv', 'ledger.jsonl'].map(out),
    ];
    const found: string[] = [];
    for (const f of files) {
      const bytes = readFileSync(f);
      for (const n of NEEDLES) if (bytes.includes(Buffer.from(n))) found.push(`${n} in ${f}`);
    }
    for (const log of logs)
      for (const n of NEEDLES) if (log.includes(n)) found.push(`${n} in a log`);
    expect(found).toEqual([]);
    // Other authors' mentions are intact.
    const report = readFileSync(out('report.csv'), 'utf8');
    expect(report).toMatch(/thanks for the upgrade/);
    expect(report).toMatch(/cancelled/);
  }, 180_000);

  it('applies retention set on a desk: a non-admin is refused, old mentions go, the ledger still verifies', async () => {
    const a = await start('a');
    const b = await start('b', ['--peer', a.address]);
    const admin = await connectDesk(a.url, await loginToken(a.url, 'lead', 'a-long-password'));
    const operator = await connectDesk(a.url, await loginToken(a.url, 'olga', 'olga-password'));
    try {
      expect(
        await call(operator, 'retention.set', { mentionDays: 1, contactDays: null }),
      ).toMatchObject({ ok: false, code: 'forbidden' });
      expect(await call(admin, 'retention.set', { mentionDays: 30 } as never)).toMatchObject({
        ok: false,
        code: 'invalid',
      });
      expect(
        await call(admin, 'retention.set', { mentionDays: 30, contactDays: null }),
      ).toMatchObject({ ok: true, rules: { mentionDays: 30, contactDays: null }, setBy: 'lead' });
      // Every mention is from 2015: the sweep that follows the rules erases them on both stations.
      for (const s of [a, b])
        await eventually('old mentions erased', async () => (await health(s)).mentions === 0);
      const view = await call(admin, 'retention.get', {});
      expect(view).toMatchObject({ ok: true, erasedHere: 2 });
    } finally {
      operator.close();
      admin.close();
    }
    await eventually('the same ops on both', async () => {
      const [x, y] = await Promise.all([health(a), health(b)]);
      return x.ops === y.ops;
    });
    await stop('a');
    await stop('b');
    const digests = ['a', 'b'].map((n) => {
      const r = holdline('verify', '--data', data(n));
      expect(r.code, r.stdout + r.stderr).toBe(0);
      return (JSON.parse(r.stdout) as { digest: string }).digest;
    });
    expect(digests[0]).toBe(digests[1]);
    const ledger = path.join(dir, 'ledger-after-retention.jsonl');
    expect(holdline('ledger', 'export', '--data', data('a'), '--out', ledger).code).toBe(0);
    expect(holdline('ledger', 'verify', ledger).code).toBe(0);
    expect(readFileSync(ledger, 'utf8')).not.toMatch(/thanks for the upgrade/);
  }, 120_000);
});
