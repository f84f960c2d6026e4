import { useEffect, useRef } from 'react';
import type { ChartLook, ReviewChartOption } from '../../../../shared/review/charts/chart-look';
import { echarts } from './echarts-setup';

/** Builds a chart's option for a look (the workspace's, or paper's when printing). */
export type ChartBuild = (look: ChartLook) => ReviewChartOption;

const PRINT = { theme: 'light', fontSize: 11, animation: false } as const;
/** Fits A4 and Letter portrait inside the usual margins (px at 96 dpi). */
const PRINT_WIDTH = 640;
const reducedMotion = () =>
  window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

/**
 * One ECharts chart drawn as SVG: follows its box's size, redraws light for paper while printing,
 * never animates for users who prefer less motion, and is disposed with the component. With
 * `onZoom`, a slider under the chart picks a range of its categories (indices, inclusive).
 */
export function EChart(props: {
  build: ChartBuild;
  look: ChartLook;
  label: string;
  height: number;
  testId?: string;
  onZoom?: (first: number, last: number) => void;
  /** The range the slider shows (indices), or null for all. */
  zoom?: [number, number] | null;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const latest = useRef(props);
  useEffect(() => {
    latest.current = props;
  });

  const optionFor = (look: ChartLook): ReviewChartOption => {
    const p = latest.current;
    const option = p.build({ ...look, animation: look.animation && !reducedMotion() });
    if (!p.onZoom) return option;
    const fs = look.fontSize;
    return {
      ...option,
      grid: { ...(option.grid as object), bottom: fs * 4.2 },
      dataZoom: [
        {
          type: 'slider',
          height: fs * 2,
          bottom: fs * 0.6,
          textStyle: { color: '#9aa7b4', fontSize: fs * 0.85 },
          ...(p.zoom && { startValue: p.zoom[0], endValue: p.zoom[1] }),
        },
      ],
    };
  };

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const c = echarts.init(el, null, { renderer: 'svg' });
    chart.current = c;
    const resize = new ResizeObserver(() => c.resize());
    resize.observe(el);
    c.on('datazoom', () => {
      const dz = (c.getOption().dataZoom as { startValue?: number; endValue?: number }[])?.[0];
      if (dz?.startValue !== undefined && dz.endValue !== undefined)
        latest.current.onZoom?.(dz.startValue, dz.endValue);
    });
    // Paper is white and narrower than the screen: redraw light, small and at a width any paper
    // size holds before the print snapshot (layout for print comes too late to follow), back after.
    const before = () => {
      c.setOption(optionFor({ ...latest.current.look, ...PRINT }), true);
      c.resize({ width: Math.min(el.clientWidth, PRINT_WIDTH) });
      // Drawn now, not on the next frame: the snapshot is taken before there is one.
      c.getZr().flush();
    };
    const after = () => {
      c.setOption(optionFor(latest.current.look), true);
      c.resize();
    };
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    return () => {
      resize.disconnect();
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
      c.dispose();
      chart.current = null;
    };
    // optionFor reads the latest props through a ref: the chart is made once per mount.
  }, []);

  const zoomKey = props.zoom ? props.zoom.join('-') : '';
  useEffect(() => {
    chart.current?.setOption(optionFor(props.look), true);
  }, [props.build, props.look]);
  useEffect(() => {
    const c = chart.current;
    if (!c || !props.onZoom) return;
    const z = latest.current.zoom;
    c.dispatchAction(
      z
        ? { type: 'dataZoom', startValue: z[0], endValue: z[1] }
        : { type: 'dataZoom', start: 0, end: 100 },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [zoomKey]);

  return (
    <div
      ref={box}
      className="echart"
      role="img"
      aria-label={props.label}
      data-testid={props.testId}
      style={{ height: props.height }}
    />
  );
}
