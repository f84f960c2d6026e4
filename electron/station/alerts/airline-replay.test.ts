// The alert detector (shared/alerts) on the real airline week, which lives outside the repo.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { Severity } from '../../../shared/playbooks/severity';
import type { Alert, AlertMention } from '../../../shared/alerts/alert-types';
import { createAlertDetector } from '../../../shared/alerts/detector';

const AIRLINE = path.resolve(
  process.env.HOLDLINE_SHARED_DATA ?? path.resolve(__dirname, '../../../../shared/data'),
  'airline-tweets-2015.csv',
);
const PACIFIC_MS = -8 * 3_600_000;

/** `2015-02-24 11:35:52 -0800` as ms since the epoch. */
function parseCreated(s: string): number {
  const m = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d) ([+-])(\d\d)(\d\d)$/.exec(s);
  if (!m) throw new Error(`unexpected tweet_created: ${s}`);
  const n = (i: number) => Number(m[i]);
  const offsetMs = (m[7] === '-' ? -1 : 1) * (n(8) * 60 + n(9)) * 60_000;
  return Date.UTC(n(1), n(2) - 1, n(3), n(4), n(5), n(6)) - offsetMs;
}

/** The week as mentions in time order: one per distinct tweet id (ingest de-duplicates). */
function loadWeek(): AlertMention[] {
  const rows = parse(readFileSync(AIRLINE), { columns: true, bom: true }) as Record<
    string,
    string
  >[];
  const seen = new Set<string>();
  const out: AlertMention[] = [];
  for (const r of rows) {
    const id = r.tweet_id ?? '';
    if (seen.has(id)) continue;
    seen.add(id);
    const at = parseCreated(r.tweet_created ?? '');
    out.push({
      at,
      brand: r.airline ?? null,
      negative: r.airline_sentiment === 'negative',
      ref: id,
    });
  }
  return out.sort((a, b) => a.at - b.at || ((a.ref ?? '') < (b.ref ?? '') ? -1 : 1));
}

const utc = (t: number) => new Date(t).toISOString().slice(0, 16).replace('T', ' ');
const pacific = (t: number) => utc(t + PACIFIC_MS);

function describeAlert(a: Alert, peak: Severity): string {
  const stat = a.rule === 'volume-spike' ? `p=${a.pValue.toExponential(1)}` : `z=${a.z.toFixed(1)}`;
  const share =
    a.rule === 'sentiment-shift'
      ? `negative ${(a.baselineNegativeShare * 100).toFixed(0)}% → ${(a.negativeShare * 100).toFixed(0)}%`
      : `negative ${(a.negativeShare * 100).toFixed(0)}%`;
  return (
    `${a.rule.padEnd(15)} ${a.key.padEnd(14)} window ${pacific(a.windowStart)}–${pacific(a.windowEnd).slice(11)} -0800` +
    ` (ends ${utc(a.windowEnd)} UTC)  n=${a.count} baseline ${a.baselinePerHour.toFixed(1)}/h` +
    ` ×${a.ratio.toFixed(1)} ${stat} ${share} ${a.suggestedSeverity} (peak ${peak})`
  );
}

describe.skipIf(!existsSync(AIRLINE))(
  `the real airline week (skipped when ${AIRLINE} is absent)`,
  () => {
    it('raises a volume spike for American on 2015-02-22 and few other alerts', () => {
      const week = loadWeek();
      const d = createAlertDetector();
      const alerts: Alert[] = [];
      const peak = new Map<string, Severity>();
      const notePeaks = () => {
        for (const o of d.open()) peak.set(o.id, o.peakSeverity);
      };
      for (const m of week) {
        alerts.push(...d.add(m));
        if (d.stats().openAlerts > 0) notePeaks();
      }
      alerts.push(...d.flush((week.at(-1)?.at ?? 0) + 3_600_000));
      notePeaks();

      const lines = alerts.map((a) => describeAlert(a, peak.get(a.id) ?? a.suggestedSeverity));
      console.log(
        `${week.length} mentions, ${pacific(week[0]?.at ?? 0)} to ${pacific(week.at(-1)?.at ?? 0)} -0800; ` +
          `${alerts.length} alerts (the dataset's "Delta" rows are @JetBlue tweets):\n  ${lines.join('\n  ')}`,
      );

      // American: 4 stray mentions before, then ~100/h from 11:00 -0800 on 02-22 (collection
      // starts during the storm); the first full window over it ends 12:15 -0800 = 20:15 UTC,
      // so the date is 2015-02-22 in both time zones.
      const american = alerts.filter((a) => a.rule === 'volume-spike' && a.key === 'American');
      expect(american).toHaveLength(1);
      const a = american[0] as Alert;
      expect(utc(a.windowEnd).slice(0, 10)).toBe('2015-02-22');
      expect(pacific(a.windowEnd).slice(0, 10)).toBe('2015-02-22');
      expect(a.sampleRefs.length).toBeGreaterThan(0);

      // JetBlue's "Our fleet's on fleek" post went viral on 2015-02-23 (listed under "Delta").
      expect(
        alerts.some(
          (x) =>
            x.rule === 'volume-spike' &&
            x.key === 'Delta' &&
            pacific(x.windowEnd).startsWith('2015-02-23'),
        ),
      ).toBe(true);

      // A week of six brands: a handful of alerts, not one per morning rush.
      expect(alerts.length).toBeLessThanOrEqual(10);
    });
  },
);
