import { useCallback, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { KPI_DEFINITIONS, type KpiId } from '../../../../shared/analytics/kpi-definitions';
import type { ReviewReport } from '../../../../shared/analytics/review-report';
import type { ChartLook } from '../../../../shared/review/charts/chart-look';
import {
  REVIEW_CHART_IDS,
  REVIEW_CHARTS,
  type ReviewChartId,
} from '../../../../shared/review/charts/review-charts';
import { volumeChart } from '../../../../shared/review/charts/volume-chart';
import { EChart } from './EChart';

/** Which KPI definition explains each chart. */
const DEFINED_BY: Record<ReviewChartId, KpiId> = {
  volume: 'volume',
  sentiment: 'sentiment-series',
  response: 'response-histogram',
  backlog: 'backlog-series',
  staffing: 'staffing',
};

/** The five charts; the volume chart's slider picks the time range the timeline shows. */
export function ReviewCharts(props: {
  report: ReviewReport;
  look: ChartLook;
  zoom: [number, number] | null;
  onZoom: (first: number, last: number) => void;
}) {
  const { t } = useTranslation();
  return (
    <section className="review-charts" aria-labelledby="review-charts-h" id="review-charts">
      <h3 id="review-charts-h">{t('review.charts')}</h3>
      <div className="chart-grid">
        {REVIEW_CHART_IDS.map((id) => (
          <ChartFigure
            key={id}
            id={id}
            report={props.report}
            look={props.look}
            {...(id === 'volume' && { zoom: props.zoom, onZoom: props.onZoom })}
          />
        ))}
      </div>
    </section>
  );
}

/** One chart with its heading and definition. */
export function ChartFigure(props: {
  id: ReviewChartId;
  report: ReviewReport;
  look: ChartLook;
  yMax?: number;
  zoom?: [number, number] | null;
  onZoom?: (first: number, last: number) => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const defId = useId();
  const { id, report, yMax } = props;
  const build = useCallback(
    (look: ChartLook) =>
      id === 'volume' && yMax !== undefined
        ? volumeChart(report, look, { yMax })
        : REVIEW_CHARTS[id](report, look),
    [id, report, yMax],
  );
  const title = t(`review.chartTitle.${id}`);
  return (
    <figure className={`chart chart-${id}`} data-testid={`chart-${id}`}>
      <figcaption>
        {title}
        <button
          type="button"
          className="ghost kpi-why"
          aria-expanded={open}
          aria-controls={defId}
          aria-label={t('review.kpiDefinition', { name: title })}
          title={KPI_DEFINITIONS[DEFINED_BY[id]].definition}
          onClick={() => setOpen(!open)}
        >
          ?
        </button>
      </figcaption>
      <p className="kpi-def" id={defId} hidden={!open}>
        {KPI_DEFINITIONS[DEFINED_BY[id]].definition}
      </p>
      <EChart
        build={build}
        look={props.look}
        label={title}
        height={props.look.fontSize * 20}
        {...(props.onZoom && { onZoom: props.onZoom, zoom: props.zoom ?? null })}
      />
    </figure>
  );
}
