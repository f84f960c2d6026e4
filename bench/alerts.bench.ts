import { createReadStream, statSync } from 'node:fs';
import path from 'node:path';
import { startAlertWatcher } from '../electron/station/alerts/alert-watcher';
import { loadPreset } from '../electron/station/connectors/preset';
import { importMentions } from '../electron/station/ingest/import-job';
import { tempDir } from '../electron/station/test-support/temp-dir';
import { createAlertDetector } from '../shared/alerts/detector';
import { airlineFixture, benchCore } from './fixture';
import { report } from './report';

const ROWS = Number(process.env.HOLDLINE_BENCH_ALERT_ROWS ?? 200_000);

/** Imports the fixture into a fresh station, with or without the alert watcher running. */
async function ingest(
  file: string,
  withAlerts: boolean,
): Promise<{ perSecond: number; alerts: number }> {
  const t = tempDir('holdline-bench-alerts-');
  try {
    const { core, adminId } = await benchCore(path.join(t.dir, 'station'));
    const watcher = withAlerts ? startAlertWatcher(core) : null;
    const t0 = performance.now();
    const summary = await importMentions(core, createReadStream(file), {
      format: 'csv',
      preset: await loadPreset('airline-2015'),
      actor: adminId,
      connector: 'csv',
      bytesTotal: statSync(file).size,
    });
    await watcher?.idle(); // the watcher's work counts against the import
    const seconds = (performance.now() - t0) / 1000;
    watcher?.stop();
    const alerts = (await core.read.get<{ n: number }>(`SELECT count(*) AS n FROM alerts`))?.n ?? 0;
    await core.close();
    return { perSecond: summary.imported / seconds, alerts };
  } finally {
    t.cleanup();
  }
}

/** The detector alone: µs per mention over a stream of `n` mentions at 10,000 a second. */
function detectorCost(n: number): number {
  const brands = ['American', 'United', 'US Airways', 'Southwest', 'Delta', 'Virgin America'];
  const d = createAlertDetector();
  const t0 = performance.now();
  for (let i = 0; i < n; i++)
    d.add({
      at: 1_600_000_000_000 + i / 10,
      brand: brands[i % 6] ?? null,
      negative: i % 3 === 0,
      ref: `m${i}`,
    });
  return ((performance.now() - t0) * 1000) / n;
}

/** Alerts: what running the detector on every mention costs ingest (both measured in one run). */
export async function run(): Promise<void> {
  const file = await airlineFixture(ROWS);
  console.log(`input: ${ROWS.toLocaleString('en-US')} rows; each import into a fresh station`);
  const without = await ingest(file, false);
  const withAlerts = await ingest(file, true);
  console.log(
    `without alerts: ${Math.round(without.perSecond)}/s; with: ${Math.round(withAlerts.perSecond)}/s (${withAlerts.alerts} alerts raised)`,
  );
  const detector = detectorCost(2_000_000);
  report([
    {
      name: 'alerts.ingest-with-alerts',
      value: withAlerts.perSecond,
      unit: 'mentions/s',
      baseline: without.perSecond,
      baselineName: 'the same import with no alert watcher',
      better: 'higher',
      goal: 'ratio ≥ 0.9 (alerts slow ingest by at most 10 %)',
    },
    {
      name: 'alerts.detector',
      value: detector,
      unit: 'µs/mention',
      baseline: 1e6 / without.perSecond,
      baselineName: 'ingest cost per mention (full path, same run)',
      better: 'lower',
      goal: '≤ 10 % of ingest; 10,000 mentions/s of event time',
    },
  ]);
}
