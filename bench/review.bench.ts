import { cpSync, rmSync } from 'node:fs';
import path from 'node:path';
import { StationCore } from '../electron/station/core/core';
import type { OpDraft } from '../electron/station/ops/op';
import { buildReview } from '../electron/station/review/review-build';
import { tempDir } from '../electron/station/test-support/temp-dir';
import { BENCH_ROWS, benchStationDir, benchStationReady } from './fixture';
import { report } from './report';
import { run as buildStation } from './ingest.bench';

const OTHER_OPS = Number(process.env.HOLDLINE_BENCH_REVIEW_OPS ?? 50_000);

/**
 * Review: the KPIs and timeline of the whole airline week at 1,000,000 mentions plus 50,000
 * other ops (claims and answers), on a copy of the ingest benchmark's station: wall time and
 * peak RSS, against reading the same mention rows bare (no projection, no KPIs).
 */
export async function run(): Promise<void> {
  if (!benchStationReady(BENCH_ROWS)) {
    console.log('building the station first (npm run bench -- ingest)…');
    await buildStation();
  }
  const t = tempDir('holdline-bench-review-');
  const dir = path.join(t.dir, 'station');
  try {
    cpSync(benchStationDir(BENCH_ROWS), dir, { recursive: true });
    rmSync(path.join(dir, 'station.lock'), { force: true });
    const core = await StationCore.open(dir);
    try {
      const admin = (await core.db.get<{ id: string }>(
        `SELECT id FROM operators WHERE role = 'admin' LIMIT 1`,
      ))!.id;
      const ids = (
        await core.db.all<{ id: string }>('SELECT id FROM mentions ORDER BY seq LIMIT ?', [
          OTHER_OPS / 2,
        ])
      ).map((r) => r.id);
      for (let i = 0; i < ids.length; i += 1_000) {
        const drafts: OpDraft[] = ids.slice(i, i + 1_000).flatMap((id) => [
          {
            type: 'mention.claim',
            v: 1,
            actor: admin,
            subject: id,
            payload: { basis: null, leaseMs: 600_000 },
          },
          { type: 'mention.answer', v: 1, actor: admin, subject: id, payload: {} },
        ]);
        await core.commit(drafts);
      }
      const span = (await core.read.get<{ from: number; to: number }>(
        'SELECT min(occurred_ms) AS "from", max(occurred_ms) + 1 AS "to" FROM mentions',
      ))!;
      console.log(
        `${BENCH_ROWS.toLocaleString('en-US')} mentions and ${OTHER_OPS.toLocaleString('en-US')} other ops over ${((span.to - span.from) / 86_400_000).toFixed(1)} days`,
      );

      // Read bare a page at a time, as the review reads them: sqlite3's `each` keeps every row of
      // a long read alive until its end (it made the RSS before the build ~1 GB, not the build's).
      let t0 = performance.now();
      let rows = 0;
      let after = [span.from, Number.MIN_SAFE_INTEGER];
      for (;;) {
        const page = await core.read.all<{ seq: number; occurred_ms: number }>(
          `SELECT seq, id, author_handle, channel, department, priority, brand, occurred_ms,
             recorded_hlc, answers, sentiment_score, sentiment_label, metadata
           FROM mentions WHERE (occurred_ms, seq) > (?, ?) AND occurred_ms < ?
           ORDER BY occurred_ms, seq LIMIT 5000`,
          [...after, span.to],
        );
        rows += page.length;
        const last = page[page.length - 1];
        if (!last || page.length < 5_000) break;
        after = [last.occurred_ms, last.seq];
      }
      const bareMs = performance.now() - t0;

      global.gc?.();
      const rssBefore = process.memoryUsage().rss;
      let peak = rssBefore;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
      t0 = performance.now();
      const review = await buildReview(core.read, span, {
        intervalMs: 3_600_000,
        targetSeconds: 900,
        asOf: span.to,
      });
      const buildMs = performance.now() - t0;
      clearInterval(sampler);
      peak = Math.max(peak, process.memoryUsage().rss);
      console.log(
        `review: ${review.response.mentions.toLocaleString('en-US')} mentions, ${review.timeline.length.toLocaleString('en-US')} timeline events, ${review.volume.length} hourly intervals; ${rows.toLocaleString('en-US')} rows read bare`,
      );
      report([
        {
          name: 'review.build',
          value: buildMs,
          unit: 'ms',
          baseline: bareMs,
          baselineName: 'reading the same mention rows bare',
          better: 'lower',
        },
        {
          name: 'review.peak-rss',
          value: peak / 1_048_576,
          unit: 'MB',
          baseline: rssBefore / 1_048_576,
          baselineName: 'RSS of the process before the build',
          better: 'lower',
        },
      ]);
    } finally {
      await core.close();
    }
  } finally {
    t.cleanup();
  }
}
