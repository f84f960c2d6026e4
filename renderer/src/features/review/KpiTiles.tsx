import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { KPI_DEFINITIONS, type KpiId } from '../../../../shared/analytics/kpi-definitions';
import type { ReviewReport } from '../../../../shared/analytics/review-report';
import { kpiTiles, type KpiTile } from './kpi-tiles';
import { formatMoment } from './review-format';

/** The review's figures as tiles, each with its definition a click (or Enter) away. */
export function KpiTiles(props: {
  report: ReviewReport;
  only?: readonly KpiId[];
  testId?: string;
}) {
  const { i18n } = useTranslation();
  const tiles = kpiTiles(props.report, i18n.language).filter(
    (x) => !props.only || props.only.includes(x.id),
  );
  return (
    <div className="kpi-tiles" data-testid={props.testId ?? 'kpi-tiles'}>
      {tiles.map((x) => (
        <Tile key={x.id} tile={x} />
      ))}
    </div>
  );
}

function Tile({ tile }: { tile: KpiTile }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const id = useId();
  const def = KPI_DEFINITIONS[tile.id];
  return (
    <div
      className={`kpi-tile${tile.state ? ` ${tile.state}` : ''}`}
      role="group"
      aria-labelledby={`${id}-label`}
      aria-describedby={`${id}-def`}
      data-testid={`kpi-${tile.id}`}
    >
      <div className="kpi-label">
        <span id={`${id}-label`}>{t(`review.kpi.${tile.id}`)}</span>
        <button
          type="button"
          className="ghost kpi-why"
          aria-expanded={open}
          aria-controls={`${id}-def`}
          aria-label={t('review.kpiDefinition', { name: t(`review.kpi.${tile.id}`) })}
          title={def.definition}
          onClick={() => setOpen(!open)}
        >
          ?
        </button>
      </div>
      <div className="kpi-value" data-testid="kpi-value">
        {tile.value}
      </div>
      {tile.sub.map((s) => (
        <div key={s.key} className="kpi-sub muted">
          {t(`review.kpiSub.${s.key}`, {
            ...s.values,
            ...(typeof s.values.time === 'number' && {
              time: formatMoment(s.values.time, i18n.language),
            }),
          })}
        </div>
      ))}
      <p className="kpi-def" id={`${id}-def`} hidden={!open}>
        {def.definition}
      </p>
    </div>
  );
}
