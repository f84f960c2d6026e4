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

/** What the sentiment chart reads of a report. */
export type SentimentInput = Pick<ReviewReport, 'sentimentSeries' | 'intervalMs'>;

const round = (x: number, places: number) => Math.round(x * 10 ** places) / 10 ** places;

/**
 * Sentiment per interval: the mean score (left axis, zero marked) and the share labelled
 * negative (right axis, %); intervals with no mention are gaps, not zeros.
 */
export function sentimentChart(report: SentimentInput, look: ChartLook): ReviewChartOption {
  const p = paletteOf(look);
  const { labels } = look;
  const s = report.sentimentSeries;
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
    yAxis: [
      valueAxis(look, { name: labels.meanScore }),
      valueAxis(
        look,
        {
          name: labels.negativeShare,
          min: 0,
          max: 100,
          splitLine: { show: false },
          axisLabel: { color: p.muted, fontSize: look.fontSize, formatter: '{value} %' },
        },
        'right',
      ),
    ],
    series: [
      {
        type: 'line',
        name: labels.meanScore,
        yAxisIndex: 0,
        data: s.map((x) => (x.meanScore === null ? null : round(x.meanScore, 2))),
        connectNulls: false,
        showSymbol: true,
        symbolSize: look.fontSize / 2,
        lineStyle: { width, color: p.primary },
        itemStyle: { color: p.primary },
        markLine: {
          silent: true,
          symbol: 'none',
          label: { show: false },
          lineStyle: { color: p.muted, type: 'dashed' },
          data: [{ yAxis: 0 }],
        },
      },
      {
        type: 'line',
        name: labels.negativeShare,
        yAxisIndex: 1,
        data: s.map((x) => (x.negativeShare === null ? null : round(x.negativeShare * 100, 1))),
        connectNulls: false,
        showSymbol: true,
        symbolSize: look.fontSize / 2,
        lineStyle: { width, color: p.bad, type: 'dashed' },
        itemStyle: { color: p.bad },
      },
    ],
  };
}
