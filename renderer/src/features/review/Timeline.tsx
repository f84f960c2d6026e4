import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Evidence, TimelineEvent } from '../../../../shared/analytics/timeline';
import type { Annotation } from '../../../../shared/review/retrospective';
import { actorName, eventFacts, eventSentence } from './event-words';
import { toLocalInput, fromLocalInput } from './review-format';
import { filterTimeline, GROUPS, type KindGroup, type TimelineFilter } from './timeline-filter';
import { TimelineRow } from './TimelineRow';
import { usePrinting } from './use-printing';

/** Past this many events the list draws only the rows in view. */
const VIRTUAL_FROM = 150;

/** The review's timeline: filters (kinds, who, words, time range), then the events in order. */
export function Timeline(props: {
  events: TimelineEvent[];
  window: { from: number; to: number };
  filter: TimelineFilter;
  onFilter: (f: TimelineFilter) => void;
  names: (id: string) => string;
  annotations: Annotation[];
  /** Pinned mentions' texts by mention id. */
  pinned: Map<string, string | null>;
  canWrite: boolean;
  onAnnotate: (e: TimelineEvent, text: string, annotationId?: string) => Promise<boolean>;
  onPin: (mentionId: string, pinned: boolean) => void;
  onEvidence: (ev: Evidence) => void;
}) {
  const { t, i18n } = useTranslation();
  const { filter: f, onFilter, names } = props;
  const printing = usePrinting();
  const notesOf = useMemo(() => {
    const m = new Map<string, Annotation[]>();
    for (const a of props.annotations) m.set(a.eventId, [...(m.get(a.eventId) ?? []), a]);
    return m;
  }, [props.annotations]);
  const pinnedTextOf = (e: TimelineEvent) =>
    e.evidence?.kind === 'mention' ? props.pinned.get(e.evidence.id) : undefined;
  const textOf = (e: TimelineEvent) =>
    [
      eventSentence(e, t),
      ...eventFacts(e, t, names).map((x) => x.value),
      actorName(e.actor, t, names),
      ...(notesOf.get(e.opId) ?? []).map((a) => a.text),
      pinnedTextOf(e) ?? '',
    ].join(' ');
  const refused = props.events.filter((e) => e.kind === 'refused').length;
  const shown = filterTimeline(props.events, f, textOf, (e) => notesOf.has(e.opId));
  const actors = [...new Set(props.events.map((e) => e.actor))].sort((a, b) =>
    actorName(a, t, names).localeCompare(actorName(b, t, names)),
  );
  const toggle = (g: KindGroup) =>
    onFilter({
      ...f,
      groups: f.groups.includes(g) ? f.groups.filter((x) => x !== g) : [...f.groups, g],
    });
  const setTime = (which: 'from' | 'to', value: string) => {
    const ms = fromLocalInput(value);
    onFilter({ ...f, [which]: Number.isFinite(ms) ? ms : null });
  };
  const row = (e: TimelineEvent) => (
    <TimelineRow
      event={e}
      names={names}
      notes={notesOf.get(e.opId) ?? []}
      pinnedText={pinnedTextOf(e)}
      canWrite={props.canWrite}
      onAnnotate={(text, id) => props.onAnnotate(e, text, id)}
      onPin={props.onPin}
      onEvidence={props.onEvidence}
      lang={i18n.language}
    />
  );

  return (
    <section className="review-timeline" aria-labelledby="review-timeline-h" id="review-timeline">
      <h3 id="review-timeline-h">{t('review.timeline.title')}</h3>
      <div className="tl-filters" role="group" aria-label={t('review.timeline.filters')}>
        <fieldset className="facet">
          <legend>{t('review.timeline.kinds')}</legend>
          {GROUPS.map((g) => (
            <label key={g} className={`chip toggle${f.groups.includes(g) ? ' on' : ''}`}>
              <input
                type="checkbox"
                className="sr-only"
                checked={f.groups.includes(g)}
                onChange={() => toggle(g)}
              />
              {t(`review.group.${g}`)}
            </label>
          ))}
        </fieldset>
        <label>
          {t('review.timeline.actor')}
          <select
            value={f.actor ?? ''}
            onChange={(e) => onFilter({ ...f, actor: e.target.value || null })}
          >
            <option value="">{t('review.timeline.anyone')}</option>
            {actors.map((a) => (
              <option key={a} value={a}>
                {actorName(a, t, names)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('review.timeline.search')}
          <input
            type="search"
            value={f.text}
            onChange={(e) => onFilter({ ...f, text: e.target.value })}
          />
        </label>
        <label>
          {t('review.timeline.from')}
          <input
            type="datetime-local"
            value={toLocalInput(f.from ?? props.window.from)}
            onChange={(e) => setTime('from', e.target.value)}
          />
        </label>
        <label>
          {t('review.timeline.to')}
          <input
            type="datetime-local"
            value={toLocalInput(f.to ?? props.window.to)}
            onChange={(e) => setTime('to', e.target.value)}
          />
        </label>
        {(f.from !== null || f.to !== null) && (
          <button type="button" onClick={() => onFilter({ ...f, from: null, to: null })}>
            {t('review.timeline.wholeWindow')}
          </button>
        )}
        <label className="check">
          <input
            type="checkbox"
            checked={f.annotatedOnly}
            onChange={(e) => onFilter({ ...f, annotatedOnly: e.target.checked })}
          />
          {t('review.timeline.annotatedOnly')}
        </label>
      </div>
      <p className="muted" role="status" data-testid="timeline-count">
        {t('review.timeline.count', { shown: shown.length, count: props.events.length })}
      </p>
      {refused > 0 && (
        <p className="muted" data-testid="timeline-refused">
          {t('review.timeline.refused', { count: refused })}
        </p>
      )}
      {shown.length > VIRTUAL_FROM && !printing ? (
        <VirtualEvents events={shown} row={row} label={t('review.timeline.title')} />
      ) : (
        <ol className="tl-list" aria-label={t('review.timeline.title')}>
          {shown.map((e, i) => (
            <li key={`${e.opId}:${i}`}>{row(e)}</li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** A long timeline: rows measured as they render (notes make some taller), only those in view. */
function VirtualEvents(props: {
  events: TimelineEvent[];
  row: (e: TimelineEvent) => React.ReactNode;
  label: string;
}) {
  const parent = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({
    count: props.events.length,
    getScrollElement: () => parent.current,
    estimateSize: () => 64,
    overscan: 12,
  });
  return (
    <div ref={parent} className="tl-scroll" tabIndex={0} aria-label={props.label} role="region">
      <ol className="tl-list" style={{ height: v.getTotalSize(), position: 'relative' }}>
        {v.getVirtualItems().map((item) => {
          const e = props.events[item.index] as TimelineEvent;
          return (
            <li
              key={`${e.opId}:${item.index}`}
              data-index={item.index}
              ref={v.measureElement}
              style={{
                position: 'absolute',
                top: 0,
                left: 0,
                right: 0,
                transform: `translateY(${item.start}px)`,
              }}
            >
              {props.row(e)}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
