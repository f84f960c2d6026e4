import type { ReviewReport } from '../../../../shared/analytics/review-report';
import { chartLook } from '../../../../shared/review/charts/chart-look';
import {
  REVIEW_CHART_IDS,
  REVIEW_CHARTS,
  type ReviewChartId,
} from '../../../../shared/review/charts/review-charts';

/** Size of a chart on the page (CSS pixels; the SVG scales to the column's width). */
const WIDTH = 720;
const HEIGHT = 260;

/**
 * Element ids inside one chart's SVG, made unique in the document: ECharts numbers its clip paths
 * and gradients from zero in every chart, and two inline SVGs sharing an id would clip each other.
 */
function scopeIds(svg: string, prefix: string): string {
  return svg
    .replace(/\bid="([^"]+)"/g, (_m, id: string) => `id="${prefix}-${id}"`)
    .replace(/url\(#([^)]+)\)/g, (_m, id: string) => `url(#${prefix}-${id})`)
    .replace(/href="#([^"]+)"/g, (_m, id: string) => `href="#${prefix}-${id}"`);
}

/** Each review chart as an SVG string, by chart. */
export type ChartSvgs = Record<ReviewChartId, string>;

/**
 * The review's charts as SVG strings, drawn on the station without a browser (ECharts' server-side
 * SVG renderer) with the same option builders the desk uses, in the light print look. ECharts is
 * loaded on the first export, not with the station.
 */
export async function chartSvgs(report: ReviewReport, timeZone: string): Promise<ChartSvgs> {
  const echarts = await import('echarts');
  const look = chartLook({ theme: 'light', fontSize: 11, animation: false, timeZone });
  const out = {} as ChartSvgs;
  for (const id of REVIEW_CHART_IDS) {
    const chart = echarts.init(null, null, {
      renderer: 'svg',
      ssr: true,
      width: WIDTH,
      height: HEIGHT,
    });
    try {
      chart.setOption({ ...REVIEW_CHARTS[id](report, look), animation: false });
      out[id] = scopeIds(chart.renderToSVGString(), `chart-${id}`);
    } finally {
      chart.dispose();
    }
  }
  return out;
}
