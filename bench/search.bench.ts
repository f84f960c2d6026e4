import { StationCore } from '../electron/station/core/core';
import { mentionWindow } from '../electron/station/db/queries/mention-reads';
import { MentionQuerySchema } from '../shared/contract/mentions';
import { BENCH_ROWS, benchStationDir, benchStationReady } from './fixture';
import { report } from './report';
import { run as buildStation } from './ingest.bench';

// What people type into the search box during an airline storm: common and rare words, two-word
// searches, and half-typed prefixes (the last word is matched as a prefix).
const QUERIES = [
  'flight',
  'cancelled',
  'delayed',
  'bag',
  'lost luggage',
  'customer service',
  'thank',
  'refund',
  'hold',
  'hours',
  'gate',
  'crew',
  'seat',
  'wifi',
  'upgrade',
  'weather',
  'snow',
  'dallas',
  'boston',
  'newark',
  'rebook',
  'voucher',
  'pilot',
  'miles',
  'phone',
  'call back',
  'worst',
  'love',
  'canc',
  'del',
  'lugg',
  'flight attendant',
  'missed connection',
  'late flight',
  'website',
  'app',
  'fleek',
  'jetblue',
  'denver',
  'ord',
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function time(fn: () => Promise<unknown>, rounds: number): Promise<number[]> {
  const out: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

/** Search: p50/p95 of the queue's full-text query (count + first page) against a bare FTS5 MATCH. */
export async function run(): Promise<void> {
  if (!benchStationReady(BENCH_ROWS)) {
    console.log('building the station first (npm run bench -- ingest)…');
    await buildStation();
  }
  const core = await StationCore.open(benchStationDir(BENCH_ROWS));
  try {
    const total =
      (await core.read.get<{ n: number }>('SELECT count(*) AS n FROM mentions'))?.n ?? 0;
    console.log(`${total.toLocaleString('en-US')} mentions, ${QUERIES.length} queries × 5 rounds`);
    const full: number[] = [];
    const bare: number[] = [];
    for (const q of QUERIES) {
      const query = MentionQuerySchema.parse({ search: q });
      await mentionWindow(core.read, query, 0, 50); // warm the page cache like a second keystroke would
      full.push(...(await time(() => mentionWindow(core.read, query, 0, 50), 5)));
      const fts = q
        .split(' ')
        .map((w, i, all) => `"${w}"${i === all.length - 1 ? '*' : ''}`)
        .join(' ');
      bare.push(
        ...(await time(
          () =>
            core.read.all('SELECT rowid FROM mentions_fts WHERE mentions_fts MATCH ? LIMIT 50', [
              fts,
            ]),
          5,
        )),
      );
    }
    full.sort((a, b) => a - b);
    bare.sort((a, b) => a - b);
    report([
      {
        name: 'search.p50',
        value: percentile(full, 50),
        unit: 'ms',
        baseline: percentile(bare, 50),
        baselineName: 'bare FTS5 MATCH LIMIT 50',
        better: 'lower',
      },
      {
        name: 'search.p95',
        value: percentile(full, 95),
        unit: 'ms',
        baseline: percentile(bare, 95),
        baselineName: 'bare FTS5 MATCH LIMIT 50',
        better: 'lower',
        goal: 'p95 < 30 ms',
      },
    ]);
  } finally {
    await core.close();
  }
}
