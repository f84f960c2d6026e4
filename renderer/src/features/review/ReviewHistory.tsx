import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReviewSummary } from '../../../../shared/contract/reviews';
import type { RunSummary } from '../../../../shared/contract/runs';
import { ErrorNote } from '../../components/Field';
import { formatTime } from '../../components/format';
import { MAX_REVIEW_DAYS } from '../../../../shared/contract/reviews';
import type { ReviewTarget } from './ReviewWorkspace';
import { fromLocalInput, toLocalInput } from './review-format';

/** Past incidents: retrospectives, closed runs, and a review of any time window. */
export function ReviewHistory(props: {
  reviews: ReviewSummary[];
  closedRuns: RunSummary[] | null;
  error: string | null;
  names: (id: string) => string;
  onOpen: (target: ReviewTarget) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  // The last day up to the next whole minute: the field has no seconds, and what came in during
  // this minute belongs in the window.
  const [to, setTo] = useState(() => toLocalInput(Math.ceil((Date.now() + 1) / 60_000) * 60_000));
  const [from, setFrom] = useState(() => toLocalInput(fromLocalInput(to) - 24 * 3_600_000));
  const [formError, setFormError] = useState<string | null>(null);
  const reviewOf = (runId: string) => props.reviews.find((r) => r.scope.runId === runId);

  function openWindow(e: FormEvent) {
    e.preventDefault();
    const a = fromLocalInput(from);
    const b = fromLocalInput(to);
    if (!Number.isFinite(a) || !Number.isFinite(b)) return setFormError(t('review.window.both'));
    if (b <= a) return setFormError(t('review.window.order'));
    if (b - a > MAX_REVIEW_DAYS * 86_400_000)
      return setFormError(t('review.window.tooLong', { days: MAX_REVIEW_DAYS }));
    setFormError(null);
    props.onOpen({ from: new Date(a).toISOString(), to: new Date(b).toISOString() });
  }

  return (
    <div className="review-history" data-testid="review-history">
      <ErrorNote error={props.error} />
      <section aria-labelledby="review-retros">
        <h3 id="review-retros">{t('review.history.retros')}</h3>
        {props.reviews.length === 0 ? (
          <p className="muted">{t('review.history.noRetros')}</p>
        ) : (
          <ul className="review-list">
            {props.reviews.map((r) => (
              <li key={r.id} data-testid="review-entry">
                <button
                  type="button"
                  className="link"
                  onClick={() => props.onOpen({ reviewId: r.id })}
                >
                  {r.title}
                </button>
                <span className={`chip retro-${r.status}`}>{t(`review.status.${r.status}`)}</span>
                <span className="muted">
                  {t('review.history.opened', {
                    name: props.names(r.openedBy),
                    time: formatTime(r.openedAt, lang),
                  })}
                  {r.openActions > 0 &&
                    ` · ${t('review.history.openActions', { count: r.openActions })}`}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="review-runs">
        <h3 id="review-runs">{t('review.history.runs')}</h3>
        {props.closedRuns === null ? (
          <p className="muted">{t('review.loading')}</p>
        ) : props.closedRuns.length === 0 ? (
          <p className="muted">{t('review.history.noRuns')}</p>
        ) : (
          <ul className="review-list">
            {props.closedRuns.map((run) => {
              const retro = reviewOf(run.id);
              return (
                <li key={run.id} data-testid="closed-run">
                  <button
                    type="button"
                    className="link"
                    onClick={() => props.onOpen({ runId: run.id })}
                  >
                    {run.playbookName}
                  </button>
                  <span className="chip">{run.severity}</span>
                  <span className="muted">
                    {formatTime(run.startedAt, lang)} – {formatTime(run.closedAt, lang)}
                  </span>
                  {retro && (
                    <span className={`chip retro-${retro.status}`}>
                      {t(`review.status.${retro.status}`)}
                    </span>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </section>
      <section aria-labelledby="review-window">
        <h3 id="review-window">{t('review.window.title')}</h3>
        <form className="review-window-form" onSubmit={openWindow}>
          <label>
            {t('review.scope.from')}
            <input
              type="datetime-local"
              value={from}
              onChange={(e) => setFrom(e.target.value)}
              required
            />
          </label>
          <label>
            {t('review.scope.to')}
            <input
              type="datetime-local"
              value={to}
              onChange={(e) => setTo(e.target.value)}
              required
            />
          </label>
          <button type="submit" className="primary">
            {t('review.window.open')}
          </button>
        </form>
        <ErrorNote error={formError} />
      </section>
    </div>
  );
}
