import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type {
  AriaComponentOption,
  DataZoomComponentOption,
  GridComponentOption,
  LegendComponentOption,
  MarkAreaComponentOption,
  MarkLineComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { CHART_LABELS_EN, type ChartLabels } from './chart-labels';

/** What a review chart's option may hold: bars and lines on a grid, with their components. */
export type ReviewChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | AriaComponentOption
  | MarkAreaComponentOption
  | MarkLineComponentOption
  | DataZoomComponentOption
>;

/**
 * How a chart should look where it is drawn: dark on the desk and the wall screen, light on
 * paper; text sized for the distance it is read from.
 */
export type ChartLook = {
  theme: 'dark' | 'light';
  /** Base text size in px (desk ~13, wall screen ~24, print ~11). */
  fontSize: number;
  /** Off when the user prefers reduced motion, and always for SVG rendered on the server. */
  animation: boolean;
  /** BCP 47 language for dates and numbers. */
  locale: string;
  /** IANA time zone of the time labels (default: the runtime's). */
  timeZone?: string;
  labels: ChartLabels;
};

/** A look with defaults: dark, 13 px, no animation, English. */
export function chartLook(look: Partial<ChartLook> = {}): ChartLook {
  return {
    theme: 'dark',
    fontSize: 13,
    animation: false,
    locale: 'en',
    labels: CHART_LABELS_EN,
    ...look,
  };
}

/** Colours of a theme: text, grid lines, and the state colours series use. */
export type ChartPalette = {
  text: string;
  muted: string;
  line: string;
  /** Neutral figures (volume, waiting, present). */
  primary: string;
  /** Targets and plans (needed, the incident's span). */
  secondary: string;
  good: string;
  bad: string;
  warn: string;
  /** For series split by a key (channels): told apart, none of them a state colour. */
  series: readonly string[];
};

const DARK: ChartPalette = {
  text: '#eef2f6',
  muted: '#9aa7b4',
  line: '#2a323c',
  primary: '#7cc4ff',
  secondary: '#c9d1d9',
  good: '#56d364',
  bad: '#ff7b72',
  warn: '#ffcc66',
  series: ['#7cc4ff', '#b59cff', '#c9d1d9', '#4fb3bf', '#d2a8ff', '#8b949e'],
};
const LIGHT: ChartPalette = {
  text: '#111111',
  muted: '#444444',
  line: '#cccccc',
  primary: '#0b5cad',
  secondary: '#333333',
  good: '#1a7f37',
  bad: '#cf222e',
  warn: '#9a6700',
  series: ['#0b5cad', '#6e40c9', '#555555', '#0e7c86', '#a371f7', '#999999'],
};

/** The colours of a look. */
export const paletteOf = (look: ChartLook): ChartPalette => (look.theme === 'dark' ? DARK : LIGHT);

/** The parts every review chart shares: text, tooltip, legend, grid, the ARIA description. */
export function baseOption(look: ChartLook): ReviewChartOption {
  const p = paletteOf(look);
  const fs = look.fontSize;
  return {
    animation: look.animation,
    backgroundColor: 'transparent',
    textStyle: { color: p.text, fontSize: fs, fontFamily: 'system-ui, sans-serif' },
    // ECharts writes a description of the data into the chart's aria-label.
    aria: { enabled: true, decal: { show: look.theme === 'light' } },
    tooltip: {
      trigger: 'axis',
      confine: true,
      textStyle: { fontSize: fs },
      ...(look.theme === 'dark' && {
        backgroundColor: '#13171c',
        borderColor: p.line,
        textStyle: { color: p.text, fontSize: fs },
      }),
    },
    legend: {
      top: 0,
      textStyle: { color: p.text, fontSize: fs },
      itemWidth: fs * 1.6,
      itemHeight: fs,
    },
    // Room on the right for the last time label, which sits centred on its bar.
    grid: { left: fs * 0.6, right: fs * 2.4, top: fs * 3.2, bottom: fs * 0.6, containLabel: true },
  };
}

/**
 * A value axis in the look's text size and grid colour; its name sits over it, aligned inwards so
 * the chart's edge does not cut it (`side`: which side of the chart the axis is on).
 */
export function valueAxis(
  look: ChartLook,
  extra: Record<string, unknown> = {},
  side: 'left' | 'right' = 'left',
) {
  const p = paletteOf(look);
  return {
    type: 'value' as const,
    axisLabel: { color: p.muted, fontSize: look.fontSize },
    splitLine: { lineStyle: { color: p.line } },
    nameTextStyle: { color: p.muted, fontSize: look.fontSize, align: side },
    ...extra,
  };
}

/** A category axis of labels in the look's text size. */
export function categoryAxis(look: ChartLook, data: string[]) {
  const p = paletteOf(look);
  return {
    type: 'category' as const,
    data,
    axisLabel: { color: p.muted, fontSize: look.fontSize, hideOverlap: true },
    axisLine: { lineStyle: { color: p.line } },
    axisTick: { alignWithLabel: true, lineStyle: { color: p.line } },
  };
}

/**
 * Labels for interval starts: the time of day within one day, the day and time across days, the
 * date alone for day-long intervals.
 */
export function intervalLabels(starts: readonly number[], intervalMs: number, look: ChartLook) {
  const span = starts.length === 0 ? 0 : (starts.at(-1) as number) - (starts[0] as number);
  const zone = look.timeZone ? { timeZone: look.timeZone } : {};
  const f = new Intl.DateTimeFormat(
    look.locale,
    intervalMs >= 86_400_000
      ? { day: 'numeric', month: 'short', ...zone }
      : span >= 86_400_000
        ? { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', ...zone }
        : { hour: '2-digit', minute: '2-digit', ...zone },
  );
  return starts.map((s) => f.format(s));
}

/** The index range of intervals a time span covers (null when it lies outside all of them). */
export function intervalSpan(
  starts: readonly number[],
  intervalMs: number,
  span: { from: number; to: number },
): [number, number] | null {
  const first = starts.findIndex((s) => s + intervalMs > span.from);
  let last = -1;
  starts.forEach((s, i) => {
    if (s < span.to) last = i;
  });
  return first === -1 || last < first ? null : [first, last];
}
