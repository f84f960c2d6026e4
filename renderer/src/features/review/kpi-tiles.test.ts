import { describe, expect, it } from 'vitest';
import { KPI_DEFINITIONS } from '../../../../shared/analytics/kpi-definitions';
import type { ReviewReport } from '../../../../shared/analytics/review-report';
import { kpiTiles } from './kpi-tiles';
import { formatDuration, formatShare } from './review-format';

const none = { mentions: 0, meanScore: null, negativeShare: null };
const REPORT = {
  targetSeconds: 900,
  volume: [
    { start: 0, count: 1200, byKey: {} },
    { start: 1, count: 34, byKey: {} },
  ],
  response: {
    mentions: 1234,
    answered: 1000,
    p50Seconds: 95,
    p90Seconds: 5400,
    withinTarget: 0.75,
  },
  backlog: { peak: 80, peakAt: 1_000, oldestSeconds: 7200, oldestAt: 2_000 },
  alertToStatementSeconds: null,
  approvals: { approved: 2, waiting: 1, p50Seconds: 600, p90Seconds: 1200 },
  outcomes: {
    answered: 1000,
    closed: 100,
    ignored: 50,
    openTouched: 4,
    neverTouched: 80,
    doubleAnswers: 0,
  },
  sentiment: {
    before: none,
    during: { mentions: 900, meanScore: -1.256, negativeShare: 0.6 },
    after: none,
  },
  reach: { withFigures: 10, retweets: 1500, likes: 20, followers: 99_000 },
} as unknown as ReviewReport;

describe('KPI tiles', () => {
  it('show every figure formatted, each with a definition, warnings marked', () => {
    const tiles = kpiTiles(REPORT, 'en');
    const by = Object.fromEntries(tiles.map((x) => [x.id, x]));
    expect(tiles.every((x) => KPI_DEFINITIONS[x.id].definition.length > 20)).toBe(true);
    expect(by.volume?.value).toBe('1,234');
    expect(by['first-response-p50']?.value).toBe('2 min');
    expect(by['first-response-p90']?.value).toBe('1.5 hr');
    expect(by['within-target']).toMatchObject({ value: '75%', state: 'warn' });
    expect(by['oldest-waiting-peak']?.value).toBe('2 hr');
    expect(by['alert-to-statement']?.value).toBe('—');
    expect(by['never-touched']).toMatchObject({ value: '80', state: 'bad' });
    expect(by['double-answers']).toMatchObject({ value: '0', state: null });
    expect(by['sentiment-during']?.value).toBe('-1.26');
    expect(by['sentiment-before']?.value).toBe('—');
    expect(by['engagement']?.value).toBe('1,500 · 20');
  });

  it('format in the UI language', () => {
    expect(kpiTiles(REPORT, 'pl').find((x) => x.id === 'potential-reach')?.value).toMatch(
      /^99\s000$/u,
    );
    expect(formatDuration(95, 'tr')).toMatch(/2\s*dk/);
    expect(formatShare(0.5, 'tr')).toBe('%50');
    expect(formatDuration(null, 'en')).toBe('—');
  });
});
