import type { ReviewReport } from '../../analytics/review-report';
import {
  baseOption,
  categoryAxis,
  intervalLabels,
  intervalSpan,
  paletteOf,
  valueAxis,
  type ChartLook,
  type ReviewChartOption,
} from './chart-look';

/** What the volume chart reads of a report. */
export type VolumeInput = Pick<ReviewReport, 'volume' | 'intervalMs' | 'scope'>;

/** The keys (channels) with most mentions, at most `max`; the rest are summed as one. */
function topKeys(volume: VolumeInput['volume'], max: number): string[] {
  const totals = new Map<string, number>();
  for (const v of volume)
    for (const [k, n] of Object.entries(v.byKey)) totals.set(k, (totals.get(k) ?? 0) + n);
  return [...totals]
    .filter(([k]) => k !== '—')
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, max)
    .map(([k]) => k);
}

/**
 * Mentions per interval, stacked by channel (the busiest few, the rest as one), with the
 * incident's span shaded. `yMax` gives two reports side by side the same scale.
 */
export function volumeChart(
  report: VolumeInput,
  look: ChartLook,
  opts: { yMax?: number; maxKeys?: number } = {},
): ReviewChartOption {
  const p = paletteOf(look);
  const { labels } = look;
  const starts = report.volume.map((v) => v.start);
  const keys = topKeys(report.volume, opts.maxKeys ?? 5);
  const stacks: { name: string; data: number[] }[] =
    keys.length === 0
      ? [{ name: labels.mentions, data: report.volume.map((v) => v.count) }]
      : [
          ...keys.map((k) => ({
            name: labels.keyName(k),
            data: report.volume.map((v) => v.byKey[k] ?? 0),
          })),
          {
            name: labels.otherKey,
            data: report.volume.map(
              (v) => v.count - keys.reduce((s, k) => s + (v.byKey[k] ?? 0), 0),
            ),
          },
        ].filter((s) => s.data.some((n) => n > 0));
  const incident = report.scope.incident
    ? intervalSpan(starts, report.intervalMs, report.scope.incident)
    : null;
  const series = stacks.map((s, i) => ({
    type: 'bar' as const,
    name: s.name,
    stack: 'volume',
    data: s.data,
    barMaxWidth: look.fontSize * 3,
    itemStyle: {
      color: keys.length === 0 ? p.primary : (p.series[i % p.series.length] ?? p.primary),
    },
    ...(i === 0 &&
      incident && {
        markArea: {
          silent: true,
          itemStyle: {
            color: look.theme === 'dark' ? 'rgba(255,204,102,0.12)' : 'rgba(154,103,0,0.12)',
          },
          label: {
            show: true,
            position: 'insideTop' as const,
            color: p.warn,
            fontSize: look.fontSize,
          },
          data: [
            [{ name: labels.incident, xAxis: incident[0] }, { xAxis: incident[1] }] as [
              { name: string; xAxis: number },
              { xAxis: number },
            ],
          ],
        },
      }),
  }));
  return {
    ...baseOption(look),
    xAxis: categoryAxis(look, intervalLabels(starts, report.intervalMs, look)),
    yAxis: valueAxis(look, {
      minInterval: 1,
      ...(opts.yMax !== undefined && { max: Math.max(1, opts.yMax) }),
    }),
    series,
  };
}

/** The most mentions any interval of a report holds (for a shared scale). */
export const volumePeak = (report: VolumeInput) =>
  report.volume.reduce((m, v) => Math.max(m, v.count), 0);
