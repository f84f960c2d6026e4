import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Evidence, TimelineEvent } from '../../../../shared/analytics/timeline';
import type { ReviewSummary } from '../../../../shared/contract/reviews';
import type { RoomInfo } from '../../../../shared/contract/room';
import type { RunSummary } from '../../../../shared/contract/runs';
import type { Mention } from '../../../../shared/domain/mention';
import { can } from '../../../../shared/domain/permissions';
import { chartLook } from '../../../../shared/review/charts/chart-look';
import { ErrorNote } from '../../components/Field';
import type { DeskSocket } from '../../desk/client';
import { chartLabels } from './chart-labels-i18n';
import { ComparePanel } from './ComparePanel';
import { EvidenceDialog, type EvidenceRef } from './EvidenceDialog';
import { ExportBar } from './ExportBar';
import { KpiTiles } from './KpiTiles';
import { PinnedMentions } from './PinnedMentions';
import { RetroEditor } from './RetroEditor';
import { ReviewCharts } from './ReviewCharts';
import type { ExportSubject } from './review-export';
import { formatMoment } from './review-format';
import { requestOf, savedScopeOf, workScope, type WorkScope } from './review-scope';
import { ScopeBar } from './ScopeBar';
import { Timeline } from './Timeline';
import { ALL_EVENTS, type TimelineFilter } from './timeline-filter';
import { useReviewDoc } from './use-review-doc';
import { useReviewReport } from './use-review-report';
import { useWallMode } from './use-wall-mode';

/** What a workspace opens on: a retrospective, a closed run, or a time window. */
export type ReviewTarget = { reviewId?: string; runId?: string; from?: string; to?: string };

/** One review: scope, KPI tiles, charts, timeline, key mentions, retrospective, compare, export. */
export function ReviewWorkspace(props: {
  socket: DeskSocket;
  room: RoomInfo;
  token: string;
  target: ReviewTarget;
  names: (id: string) => string;
  reviews: ReviewSummary[];
  closedRuns: RunSummary[];
  onTarget: (target: ReviewTarget) => void;
  onOpenMention: (m: Mention) => void;
  onOpenRun: (runId: string | null) => void;
}) {
  const { t, i18n } = useTranslation();
  const { socket, target, names } = props;
  const role = props.room.me.role;
  const canWrite = can(role, 'review.write');
  const canManage = can(role, 'review.manage');
  const { doc, error: docError, act, setError } = useReviewDoc(socket, target.reviewId ?? null);
  // A retrospective's own scope once it has loaded; a run's or a window's straight away.
  const [scope, setScope] = useState<WorkScope | null>(() =>
    target.reviewId ? null : workScope(target),
  );
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (doc && !scope) setScope(workScope(doc.retro.scope));
  }, [doc, scope]);
  const state = useReviewReport(socket, scope ? requestOf(scope) : null);
  const report = state.kind === 'ready' ? state.report : null;
  const [filter, setFilter] = useState<TimelineFilter>(ALL_EVENTS);
  const [evidence, setEvidence] = useState<EvidenceRef | null>(null);
  const wallRef = useRef<HTMLDivElement>(null);
  const wall = useWallMode(wallRef);
  const look = useMemo(
    () =>
      chartLook({
        fontSize: wall.on ? 22 : 13,
        animation: true,
        locale: i18n.language,
        labels: chartLabels(t, i18n.language),
      }),
    [wall.on, i18n.language, t],
  );

  const runId = scope?.runId ?? doc?.retro.scope.runId ?? target.runId ?? null;
  const run = runId ? props.closedRuns.find((r) => r.id === runId) : undefined;
  const title =
    doc?.retro.title ??
    (run
      ? t('review.runTitle', {
          name: run.playbookName,
          time: formatMoment(Date.parse(run.startedAt), i18n.language),
        })
      : report
        ? t('review.windowTitle', {
            from: formatMoment(report.scope.from, i18n.language),
            to: formatMoment(report.scope.to, i18n.language),
          })
        : t('review.title'));

  /** The retrospective's id, opening one for this scope first if there is none yet. */
  const ensureReview = useCallback(async (): Promise<string | null> => {
    if (target.reviewId) return target.reviewId;
    if (!scope || !report) return null;
    const r = await act('review.open', { title, scope: savedScopeOf(scope, report.scope) });
    if (!r.ok) return null;
    const id = r.retro.id;
    props.onTarget({ reviewId: id });
    return id;
  }, [target.reviewId, scope, report, act, title, props]);

  const annotate = async (e: TimelineEvent, text: string, annotationId?: string) => {
    const reviewId = await ensureReview();
    if (!reviewId) return false;
    const r = await act('review.annotate', {
      reviewId,
      eventId: e.opId,
      text,
      ...(annotationId && { annotationId }),
    });
    return r.ok;
  };
  const pin = async (mentionId: string, pinned: boolean) => {
    const reviewId = await ensureReview();
    if (reviewId) await act('review.pin', { reviewId, mentionId, pinned });
  };
  const openEvidence = (ev: Evidence) => {
    if (ev.kind === 'run') props.onOpenRun(ev.id);
    else if (ev.kind === 'alert') props.onOpenRun(null);
    else setEvidence({ kind: ev.kind, id: ev.id });
  };

  const pinned = useMemo(
    () =>
      new Map<string, string | null>(
        (doc?.retro.pins ?? []).map((p) => [
          p.mentionId,
          doc?.pinned.find((x) => x.mentionId === p.mentionId)?.mention?.text ?? null,
        ]),
      ),
    [doc],
  );
  const subject: ExportSubject | null = target.reviewId
    ? { reviewId: target.reviewId }
    : runId
      ? { runId }
      : report
        ? {
            from: new Date(report.scope.from).toISOString(),
            to: new Date(report.scope.to).toISOString(),
          }
        : null;
  const starts = report?.volume.map((v) => v.start) ?? [];
  const zoom: [number, number] | null =
    report && (filter.from !== null || filter.to !== null)
      ? [
          Math.max(
            0,
            starts.findLastIndex((s) => s <= (filter.from ?? report.scope.from)),
          ),
          Math.max(
            0,
            starts.findLastIndex((s) => s < (filter.to ?? report.scope.to)),
          ),
        ]
      : null;
  const writableDoc = canWrite && doc?.retro.status !== 'closed';

  return (
    <div
      ref={wallRef}
      className={`review-workspace${wall.on ? ' wall-mode' : ''}`}
      data-testid="review-workspace"
    >
      <header className="review-head">
        <h2 data-testid="review-title">{title}</h2>
        {doc && (
          <span className={`chip retro-${doc.retro.status}`}>
            {t(`review.status.${doc.retro.status}`)}
          </span>
        )}
        <nav className="review-nav" aria-label={t('review.sections')}>
          <a href="#review-figures">{t('review.figures')}</a>
          <a href="#review-charts">{t('review.charts')}</a>
          <a href="#review-timeline">{t('review.timeline.title')}</a>
          <a href="#review-retro">{t('review.retro.title')}</a>
          <a href="#review-compare">{t('review.compare.title')}</a>
        </nav>
        <span className="spacer" />
        <button type="button" onClick={wall.toggle} aria-pressed={wall.on}>
          {t('review.wall')}
        </button>
      </header>
      {scope && (
        <ScopeBar
          // Fresh fields when the scope changes, and once the run's window is known.
          key={`${JSON.stringify(scope)}:${report ? 'window' : ''}`}
          scope={scope}
          runName={run?.playbookName ?? (runId ? runId : null)}
          window={report ? report.scope : null}
          onScope={setScope}
          {...(doc &&
            writableDoc &&
            report && {
              onSave: () =>
                void act('review.open', {
                  reviewId: doc.retro.id,
                  title: doc.retro.title,
                  scope: savedScopeOf(scope, report.scope),
                }),
            })}
        />
      )}
      <ExportBar token={props.token} subject={subject} targetMinutes={scope?.targetMinutes ?? 15} />
      {state.kind === 'error' && <ErrorNote error={state.message} />}
      {(state.kind === 'loading' || !scope) && <p className="muted">{t('review.loading')}</p>}
      {report && (
        <>
          <section id="review-figures" aria-labelledby="review-figures-h">
            <h3 id="review-figures-h">{t('review.figures')}</h3>
            <KpiTiles report={report} />
          </section>
          <ReviewCharts
            report={report}
            look={look}
            zoom={zoom}
            onZoom={(first, last) => {
              const from = starts[first];
              const to = starts[last];
              if (from === undefined || to === undefined) return;
              const whole = first === 0 && last === starts.length - 1;
              setFilter((f) => ({
                ...f,
                from: whole ? null : from,
                to: whole ? null : Math.min(to + report.intervalMs, report.scope.to),
              }));
            }}
          />
          <div className="review-columns">
            <Timeline
              events={report.timeline}
              window={report.scope}
              filter={filter}
              onFilter={setFilter}
              names={names}
              annotations={doc?.retro.annotations ?? []}
              pinned={pinned}
              canWrite={writableDoc}
              onAnnotate={annotate}
              onPin={(id, p) => void pin(id, p)}
              onEvidence={openEvidence}
            />
            <PinnedMentions
              doc={doc}
              names={names}
              canWrite={writableDoc}
              onPin={(id, p) => void pin(id, p)}
              onEvidence={setEvidence}
            />
          </div>
        </>
      )}
      <RetroEditor
        doc={doc}
        names={names}
        canWrite={canWrite}
        canManage={canManage}
        onStart={canWrite && report ? () => void ensureReview() : null}
        onSection={async (section, text) => {
          if (!doc) return false;
          return (await act('review.section', { reviewId: doc.retro.id, section, text })).ok;
        }}
        onAction={async (change) => {
          const reviewId = await ensureReview();
          if (!reviewId) return false;
          return (await act('review.action', { reviewId, ...change })).ok;
        }}
        onStatus={(status) => doc && void act('review.status', { reviewId: doc.retro.id, status })}
      />
      {report && scope && (
        <ComparePanel
          socket={socket}
          title={title}
          report={report}
          scope={scope}
          look={look}
          reviews={props.reviews}
          closedRuns={props.closedRuns}
          self={{ reviewId: target.reviewId ?? null, runId }}
        />
      )}
      {/* Refusals of retrospective changes stay in view wherever one is working. */}
      <ErrorNote error={docError} className="review-error" />
      {evidence && (
        <EvidenceDialog
          socket={socket}
          evidence={evidence}
          pinned={evidence.kind === 'mention' && pinned.has(evidence.id)}
          canWrite={writableDoc}
          onPin={(id, p) => void pin(id, p)}
          onOpenMention={props.onOpenMention}
          onEvidence={setEvidence}
          onClose={() => {
            setEvidence(null);
            setError(null);
          }}
        />
      )}
    </div>
  );
}
