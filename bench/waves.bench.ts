import { StationCore } from '../electron/station/core/core';
import { findWave, waveLookup } from '../electron/station/messages/wave-service';
import { nearDuplicateSettingsInForce } from '../electron/station/routing/rules-service';
import { BENCH_ROWS, benchStationDir, benchStationReady } from './fixture';
import { report } from './report';
import { run as buildStation } from './ingest.bench';

// Mentions asked about, spread evenly over the station's rows.
const SAMPLES = 40;
const ROUNDS = 3;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/**
 * Wave finding: p50/p95 of wave.find (full-text candidates by the mention's lookup words among
 * the newest 100,000, shingle similarity, the members read) on the 1M-mention station, against
 * the bare FTS5 query for the same words (rowids only).
 */
export async function run(): Promise<void> {
  if (!benchStationReady(BENCH_ROWS)) {
    console.log('building the station first (npm run bench -- ingest)…');
    await buildStation();
  }
  const core = await StationCore.open(benchStationDir(BENCH_ROWS));
  try {
    const max = (await core.read.get<{ m: number }>('SELECT max(seq) AS m FROM mentions'))?.m ?? 0;
    const samples = await core.read.all<{ id: string; text: string }>(
      `SELECT id, text FROM mentions WHERE seq IN (SELECT value FROM json_each(?))`,
      [
        JSON.stringify(
          Array.from({ length: SAMPLES }, (_, i) => Math.floor(((i + 0.5) * max) / SAMPLES)),
        ),
      ],
    );
    const settings = await nearDuplicateSettingsInForce(core.read);
    const full: number[] = [];
    const bare: number[] = [];
    let members = 0;
    for (const s of samples) {
      const { query, after } = await waveLookup(core, s.text, settings);
      if (query === null) continue;
      await findWave(core, s.id, 'bench'); // warm, as a second look at the same mention would be
      for (let r = 0; r < ROUNDS; r++) {
        let t0 = performance.now();
        const wave = await findWave(core, s.id, 'bench');
        full.push(performance.now() - t0);
        if (r === 0) members += wave.members.length;
        t0 = performance.now();
        await core.read.all(
          'SELECT rowid FROM mentions_fts WHERE mentions_fts MATCH ? AND rowid > ? ORDER BY rowid DESC LIMIT 2000',
          [query, after],
        );
        bare.push(performance.now() - t0);
      }
    }
    full.sort((a, b) => a - b);
    bare.sort((a, b) => a - b);
    console.log(
      `${max.toLocaleString('en-US')} mentions, ${samples.length} mentions asked about × ${ROUNDS}; ` +
        `${(members / samples.length).toFixed(1)} members a wave on average`,
    );
    const baselineName = 'bare FTS5 query of the same words';
    report([
      {
        name: 'waves.find.p50',
        value: percentile(full, 50),
        unit: 'ms',
        baseline: percentile(bare, 50),
        baselineName,
        better: 'lower',
      },
      {
        name: 'waves.find.p95',
        value: percentile(full, 95),
        unit: 'ms',
        baseline: percentile(bare, 95),
        baselineName,
        better: 'lower',
        goal: 'p95 < 100 ms (opening a mention)',
      },
    ]);
  } finally {
    await core.close();
  }
}
