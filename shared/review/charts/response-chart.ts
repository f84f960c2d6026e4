import type { ReviewReport } from '../../analytics/review-report';
import {
  baseOption,
  categoryAxis,
  paletteOf,
  valueAxis,
  type ChartLook,
  type ReviewChartOption,
} from './chart-look';

/** What the response-time chart reads of a report. */
export type ResponseInput = Pick<ReviewReport, 'responseHistogram' | 'targetSeconds'>;

/**
 * How long first answers took: answered mentions per time bucket, the buckets within the target
 * apart from those beyond it (a bucket counts as within when its upper bound is).
 */
export function responseChart(report: ResponseInput, look: ChartLook): ReviewChartOption {
  const p = paletteOf(look);
  const { labels } = look;
  const buckets = report.responseHistogram;
  const lastBound = buckets.reduce<number | null>((m, b) => b.upToSeconds ?? m, null);
  const names = buckets.map((b) =>
    b.upToSeconds === null
      ? labels.longer(labels.duration(lastBound ?? 0))
      : labels.upTo(labels.duration(b.upToSeconds)),
  );
  const within = (b: (typeof buckets)[number]) =>
    b.upToSeconds !== null && b.upToSeconds <= report.targetSeconds;
  const bar = (name: string, color: string, keep: (b: (typeof buckets)[number]) => boolean) => ({
    type: 'bar' as const,
    name,
    stack: 'response',
    barMaxWidth: look.fontSize * 4,
    itemStyle: { color },
    data: buckets.map((b) => (keep(b) ? b.count : null)),
  });
  return {
    ...baseOption(look),
    tooltip: { ...baseOption(look).tooltip, trigger: 'item' },
    xAxis: categoryAxis(look, names),
    yAxis: valueAxis(look, { minInterval: 1, name: labels.answered }),
    series: [
      bar(labels.withinTarget, p.good, within),
      bar(labels.beyondTarget, p.warn, (b) => !within(b)),
    ],
  };
}
