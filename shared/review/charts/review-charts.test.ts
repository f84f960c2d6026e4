import * as echarts from 'echarts';
import { describe, expect, it } from 'vitest';
import type { ReviewReport } from '../../analytics/review-report';
import { backlogChart } from './backlog-chart';
import { chartLook, type ReviewChartOption } from './chart-look';
import { REVIEW_CHART_IDS, REVIEW_CHARTS } from './review-charts';
import { responseChart } from './response-chart';
import { sentimentChart } from './sentiment-chart';
import { staffingChart } from './staffing-chart';
import { volumeChart, volumePeak } from './volume-chart';

const H = 3_600_000;
const T0 = Date.UTC(2026, 1, 7, 12);
/** Four hours of a storm, the incident in the middle two, one channel named like markup. */
const REPORT = {
  scope: { from: T0, to: T0 + 4 * H, incident: { from: T0 + H, to: T0 + 3 * H } },
  intervalMs: H,
  targetSeconds: 900,
  volume: [
    { start: T0, count: 2, byKey: { twitter: 2 } },
    { start: T0 + H, count: 9, byKey: { twitter: 6, email: 2, '<b>x</b>': 1 } },
    { start: T0 + 2 * H, count: 5, byKey: { twitter: 4, phone: 1 } },
    { start: T0 + 3 * H, count: 0, byKey: {} },
  ],
  sentimentSeries: [
    { start: T0, mentions: 2, meanScore: 0.5, negativeShare: 0 },
    { start: T0 + H, mentions: 9, meanScore: -2.333, negativeShare: 7 / 9 },
    { start: T0 + 2 * H, mentions: 5, meanScore: -1, negativeShare: 0.4 },
    { start: T0 + 3 * H, mentions: 0, meanScore: null, negativeShare: null },
  ],
  backlogSeries: [
    { start: T0, open: 1, oldestSeconds: 300 },
    { start: T0 + H, open: 6, oldestSeconds: 2_700 },
    { start: T0 + 2 * H, open: 2, oldestSeconds: 1_200 },
    { start: T0 + 3 * H, open: 0, oldestSeconds: 0 },
  ],
  responseHistogram: [
    { upToSeconds: 60, count: 1 },
    { upToSeconds: 300, count: 4 },
    { upToSeconds: 900, count: 3 },
    { upToSeconds: 3_600, count: 2 },
    { upToSeconds: null, count: 1 },
  ],
  staffing: [
    { start: T0, needed: 2, present: 2 },
    { start: T0 + H, needed: 5.25, present: 3 },
    { start: T0 + 2 * H, needed: 4, present: 4 },
    { start: T0 + 3 * H, needed: null, present: null },
  ],
} as unknown as ReviewReport;

const LOOK = chartLook({ locale: 'en-GB', timeZone: 'UTC' });

type Series = { type: string; name: string; data: unknown[]; yAxisIndex?: number };
const seriesOf = (o: ReviewChartOption) => o.series as Series[];
const categories = (o: ReviewChartOption) => (o.xAxis as { data: string[] }).data;

/** Renders an option the way the exported report does: SVG, on the server, no DOM. */
function svgOf(option: ReviewChartOption): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 800, height: 300 });
  chart.setOption(option);
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

describe('review chart builders', () => {
  it('volume: one stacked bar series per busiest channel, the rest as one, the incident shaded', () => {
    const o = volumeChart(REPORT, chartLook({ ...LOOK, labels: { ...LOOK.labels } }), {
      maxKeys: 2,
    });
    expect(categories(o)).toEqual(['12:00', '13:00', '14:00', '15:00']);
    expect(seriesOf(o).map((s) => [s.name, s.data])).toEqual([
      ['twitter', [2, 6, 4, 0]],
      ['email', [0, 2, 0, 0]],
      ['Other', [0, 1, 1, 0]],
    ]);
    expect(seriesOf(o).every((s) => s.type === 'bar')).toBe(true);
    const area = (seriesOf(o)[0] as unknown as { markArea: { data: unknown } }).markArea.data;
    expect(area).toEqual([[{ name: 'Incident', xAxis: 1 }, { xAxis: 2 }]]);
    expect(volumePeak(REPORT)).toBe(9);
    expect((volumeChart(REPORT, LOOK, { yMax: 20 }).yAxis as { max: number }).max).toBe(20);
  });

  it('volume: a report without a split key is one series of counts', () => {
    const plain = { ...REPORT, volume: REPORT.volume.map((v) => ({ ...v, byKey: {} })) };
    expect(seriesOf(volumeChart(plain, LOOK)).map((s) => [s.name, s.data])).toEqual([
      ['Mentions', [2, 9, 5, 0]],
    ]);
  });

  it('sentiment: the mean score and the negative share in %, gaps where nothing happened', () => {
    const o = sentimentChart(REPORT, LOOK);
    const [mean, negative] = seriesOf(o);
    expect(mean?.data).toEqual([0.5, -2.33, -1, null]);
    expect(negative?.data).toEqual([0, 77.8, 40, null]);
    expect(negative?.yAxisIndex).toBe(1);
  });

  it('response: buckets labelled by their bound, split at the target', () => {
    const o = responseChart(REPORT, LOOK);
    expect(categories(o)).toEqual(['≤ 1 min', '≤ 5 min', '≤ 15 min', '≤ 1 h', '> 1 h']);
    const [within, beyond] = seriesOf(o);
    expect(within?.name).toBe('Within target');
    expect(within?.data).toEqual([1, 4, 3, null, null]);
    expect(beyond?.data).toEqual([null, null, null, 2, 1]);
  });

  it('backlog: waiting at each interval end, the oldest wait in minutes', () => {
    const o = backlogChart(REPORT, LOOK);
    expect(categories(o)).toEqual(['13:00', '14:00', '15:00', '16:00']);
    expect(seriesOf(o).map((s) => s.data)).toEqual([
      [1, 6, 2, 0],
      [5, 45, 20, 0],
    ]);
  });

  it('staffing: needed against present, gaps without samples', () => {
    const o = staffingChart(REPORT, LOOK);
    expect(seriesOf(o).map((s) => [s.name, s.data])).toEqual([
      ['Staff needed', [2, 5.3, 4, null]],
      ['Staff present', [2, 3, 4, null]],
    ]);
  });

  it('labels come from the look: another language, days for day-long intervals', () => {
    const look = chartLook({
      locale: 'pl',
      timeZone: 'UTC',
      labels: { ...LOOK.labels, needed: 'Potrzeba', keyName: (k) => k.toUpperCase() },
    });
    expect(seriesOf(staffingChart(REPORT, look))[0]?.name).toBe('Potrzeba');
    expect(seriesOf(volumeChart(REPORT, look))[0]?.name).toBe('TWITTER');
    const daily = { ...REPORT, intervalMs: 24 * H };
    expect(categories(staffingChart(daily, look))[0]).toMatch(/^7 lut/);
  });

  it('every chart renders to SVG without a browser, text escaped, in both themes', () => {
    for (const theme of ['dark', 'light'] as const)
      for (const id of REVIEW_CHART_IDS) {
        const svg = svgOf(REVIEW_CHARTS[id](REPORT, chartLook({ ...LOOK, theme, fontSize: 24 })));
        expect(svg.startsWith('<svg'), id).toBe(true);
        expect(svg).not.toContain('<b>');
      }
    expect(svgOf(volumeChart(REPORT, LOOK))).toContain('&lt;b&gt;x&lt;/b&gt;');
  });
});
