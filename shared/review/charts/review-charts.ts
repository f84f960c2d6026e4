import type { ReviewReport } from '../../analytics/review-report';
import { backlogChart } from './backlog-chart';
import type { ChartLook, ReviewChartOption } from './chart-look';
import { responseChart } from './response-chart';
import { sentimentChart } from './sentiment-chart';
import { staffingChart } from './staffing-chart';
import { volumeChart } from './volume-chart';

/** The review's charts, in the order the workspace and the exported report show them. */
export const REVIEW_CHART_IDS = ['volume', 'sentiment', 'response', 'backlog', 'staffing'] as const;
/** One chart. */
export type ReviewChartId = (typeof REVIEW_CHART_IDS)[number];

/** Each chart's option builder: a report and a look in, an ECharts option out (no DOM). */
export const REVIEW_CHARTS: Record<
  ReviewChartId,
  (report: ReviewReport, look: ChartLook) => ReviewChartOption
> = {
  volume: (r, look) => volumeChart(r, look),
  sentiment: sentimentChart,
  response: responseChart,
  backlog: backlogChart,
  staffing: staffingChart,
};
