import type { ReviewReport } from '../../analytics/review-report';
import {
  baseOption,
  categoryAxis,
  intervalLabels,
  paletteOf,
  valueAxis,
  type ChartLook,
  type ReviewChartOption,
} from './chart-look';

/** What the staffing chart reads of a report. */
export type StaffingInput = Pick<ReviewReport, 'staffing' | 'intervalMs'>;

const oneDecimal = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);

/**
 * Staff needed against staff present per interval (the means of the sampler's figures); an
 * interval with no sample is a gap.
 */
export function staffingChart(report: StaffingInput, look: ChartLook): ReviewChartOption {
  const p = paletteOf(look);
  const { labels } = look;
  const s = report.staffing;
  const width = Math.max(2, look.fontSize / 6);
  return {
    ...baseOption(look),
    xAxis: categoryAxis(
      look,
      intervalLabels(
        s.map((x) => x.start),
        report.intervalMs,
        look,
      ),
    ),
    yAxis: valueAxis(look, { minInterval: 1 }),
    series: [
      {
        type: 'line',
        name: labels.needed,
        step: 'middle',
        connectNulls: false,
        showSymbol: false,
        lineStyle: { width, type: 'dashed', color: p.secondary },
        itemStyle: { color: p.secondary },
        data: s.map((x) => oneDecimal(x.needed)),
      },
      {
        type: 'line',
        name: labels.present,
        step: 'middle',
        connectNulls: false,
        showSymbol: false,
        lineStyle: { width, color: p.primary },
        itemStyle: { color: p.primary },
        data: s.map((x) => oneDecimal(x.present)),
      },
    ],
  };
}
