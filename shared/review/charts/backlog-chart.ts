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

/** What the backlog chart reads of a report. */
export type BacklogInput = Pick<ReviewReport, 'backlogSeries' | 'intervalMs' | 'scope'>;

/**
 * The backlog at the end of each interval (labelled by that end): mentions waiting (bars, left
 * axis) and how long the oldest of them had waited (line, right axis, minutes).
 */
export function backlogChart(report: BacklogInput, look: ChartLook): ReviewChartOption {
  const p = paletteOf(look);
  const { labels } = look;
  const s = report.backlogSeries;
  const ends = s.map((x) => Math.min(x.start + report.intervalMs, report.scope.to));
  return {
    ...baseOption(look),
    xAxis: categoryAxis(look, intervalLabels(ends, report.intervalMs, look)),
    yAxis: [
      valueAxis(look, { minInterval: 1, name: labels.waiting }),
      valueAxis(
        look,
        {
          name: labels.oldestWaiting,
          min: 0,
          splitLine: { show: false },
          axisLabel: {
            color: p.muted,
            fontSize: look.fontSize,
            formatter: (v: number) => labels.duration(v * 60),
          },
        },
        'right',
      ),
    ],
    series: [
      {
        type: 'bar',
        name: labels.waiting,
        yAxisIndex: 0,
        barMaxWidth: look.fontSize * 3,
        itemStyle: { color: p.primary },
        data: s.map((x) => x.open),
      },
      {
        type: 'line',
        name: labels.oldestWaiting,
        yAxisIndex: 1,
        showSymbol: false,
        lineStyle: { width: Math.max(2, look.fontSize / 6), color: p.warn },
        itemStyle: { color: p.warn },
        data: s.map((x) => Math.round((x.oldestSeconds / 60) * 10) / 10),
        tooltip: { valueFormatter: (v) => labels.duration(Number(v) * 60) },
      },
    ],
  };
}
