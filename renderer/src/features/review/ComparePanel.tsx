import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KpiId } from '../../../../shared/analytics/kpi-definitions';
import type { ReviewReport } from '../../../../shared/analytics/review-report';
import type { ReviewSummary } from '../../../../shared/contract/reviews';
import type { RunSummary } from '../../../../shared/contract/runs';
import type { ChartLook } from '../../../../shared/review/charts/chart-look';
import { volumePeak } from '../../../../shared/review/charts/volume-chart';
import type { DeskSocket } from '../../desk/client';
import { KpiTiles } from './KpiTiles';
import { ChartFigure } from './ReviewCharts';
import { requestOf, workScope, type WorkScope } from './review-scope';
import { useReviewReport } from './use-review-report';

/** The figures two incidents are compared on. */
const COMPARED: readonly KpiId[] = [
  'volume',
  'first-response-p50',
  'first-response-p90',
  'within-target',
  'backlog-peak',
  'oldest-waiting-peak',
  'alert-to-statement',
  'never-touched',
  'double-answers',
  'sentiment-during',
];

/**
 * This review beside another (a retrospective or a closed run): the same figures and the volume
 * on one scale, at this review's interval and target.
 */
export function ComparePanel(props: {
  socket: DeskSocket;
  title: string;
  report: ReviewReport;
  scope: WorkScope;
  look: ChartLook;
  reviews: ReviewSummary[];
  closedRuns: RunSummary[];
  /** What this review is, to leave it out of the choice. */
  self: { reviewId: string | null; runId: string | null };
}) {
  const { t } = useTranslation();
  const [pick, setPick] = useState('');
  const choices = [
    ...props.reviews
      .filter((r) => r.id !== props.self.reviewId)
      .map((r) => ({ key: `review:${r.id}`, label: r.title, scope: workScope(r.scope) })),
    ...props.closedRuns
      .filter((r) => r.id !== props.self.runId)
      .map((r) => ({
        key: `run:${r.id}`,
        label: `${r.playbookName} · ${r.startedAt.slice(0, 10)}`,
        scope: workScope({ runId: r.id }),
      })),
  ];
  const chosen = choices.find((c) => c.key === pick) ?? null;
  return (
    <section className="review-compare" id="review-compare" aria-labelledby="review-compare-h">
      <h3 id="review-compare-h">{t('review.compare.title')}</h3>
      <label>
        {t('review.compare.with')}
        <select value={pick} onChange={(e) => setPick(e.target.value)} data-testid="compare-pick">
          <option value="">{t('review.compare.none')}</option>
          {choices.map((c) => (
            <option key={c.key} value={c.key}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
      {chosen && (
        <Compared
          socket={props.socket}
          left={{ title: props.title, report: props.report }}
          right={{
            title: chosen.label,
            scope: {
              ...chosen.scope,
              intervalMinutes: props.scope.intervalMinutes,
              targetMinutes: props.scope.targetMinutes,
            },
          }}
          look={props.look}
        />
      )}
    </section>
  );
}

function Compared(props: {
  socket: DeskSocket;
  left: { title: string; report: ReviewReport };
  right: { title: string; scope: WorkScope };
  look: ChartLook;
}) {
  const { t } = useTranslation();
  const other = useReviewReport(props.socket, requestOf(props.right.scope));
  if (other.kind === 'loading') return <p className="muted">{t('review.loading')}</p>;
  if (other.kind === 'error')
    return (
      <p className="error" role="alert">
        {other.message}
      </p>
    );
  const yMax = Math.max(volumePeak(props.left.report), volumePeak(other.report));
  const side = (title: string, report: ReviewReport, testId: string) => (
    <div className="compare-side" data-testid={testId}>
      <h4>{title}</h4>
      <KpiTiles report={report} only={COMPARED} testId={`${testId}-tiles`} />
      <ChartFigure id="volume" report={report} look={props.look} yMax={yMax} />
    </div>
  );
  return (
    <div className="compare-grid">
      {side(props.left.title, props.left.report, 'compare-this')}
      {side(props.right.title, other.report, 'compare-other')}
    </div>
  );
}
