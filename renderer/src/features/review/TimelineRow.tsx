import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Evidence, TimelineEvent } from '../../../../shared/analytics/timeline';
import type { Annotation } from '../../../../shared/review/retrospective';
import { MAX_ITEM_CHARS } from '../../../../shared/review/retrospective';
import { formatTime } from '../../components/format';
import { actorName, eventFacts, eventSentence } from './event-words';
import { formatMoment } from './review-format';
import { groupOf, recordedApart } from './timeline-filter';

/** One event: when it happened (and was recorded, if apart), what, who, its notes and evidence. */
export function TimelineRow(props: {
  event: TimelineEvent;
  names: (id: string) => string;
  notes: Annotation[];
  /** The pinned mention's text when the event's mention is pinned (null: not held here). */
  pinnedText: string | null | undefined;
  canWrite: boolean;
  onAnnotate: (text: string, annotationId?: string) => Promise<boolean>;
  onPin: (mentionId: string, pinned: boolean) => void;
  onEvidence: (ev: Evidence) => void;
  lang: string;
}) {
  const { t } = useTranslation();
  const e = props.event;
  const [editing, setEditing] = useState<{ id?: string; text: string } | null>(null);
  const sentence = eventSentence(e, t);
  const facts = eventFacts(e, t, props.names);
  const ev = e.evidence;
  return (
    <article
      className={`tl-event group-${groupOf(e.kind)}${e.firstStatement ? ' first-statement' : ''}`}
      data-testid="timeline-event"
      data-kind={e.kind}
      aria-label={`${formatMoment(e.at, props.lang, true)} ${sentence}`}
    >
      <div className="tl-when">
        <time dateTime={new Date(e.at).toISOString()}>{formatMoment(e.at, props.lang, true)}</time>
        {recordedApart(e) && (
          <span className="tl-recorded" data-testid="recorded-apart">
            {t('review.timeline.recorded', { time: formatMoment(e.recordedAt, props.lang, true) })}
          </span>
        )}
      </div>
      <div className="tl-what">
        <div>
          <strong>{sentence}</strong>
          {e.firstStatement && (
            <span className="chip first">{t('review.timeline.firstStatement')}</span>
          )}{' '}
          <span className="tl-actor">{actorName(e.actor, t, props.names)}</span>
        </div>
        {facts.length > 0 && (
          <dl className="tl-facts">
            {facts.map((x) => (
              <div key={x.label}>
                <dt>{x.label}</dt>
                <dd>{x.value}</dd>
              </div>
            ))}
          </dl>
        )}
        {props.pinnedText !== undefined && (
          <blockquote className="tl-pinned" data-testid="pinned-text">
            {props.pinnedText ?? t('review.pins.notHeld')}
          </blockquote>
        )}
        {props.notes.map((a) => (
          <p key={a.id} className="tl-note" data-testid="annotation">
            <span>{a.text}</span>{' '}
            <span className="muted">
              {t('review.byline', { name: props.names(a.by), time: formatTime(a.at, props.lang) })}
            </span>
            {props.canWrite && (
              <>
                {' '}
                <button
                  type="button"
                  className="link"
                  onClick={() => setEditing({ id: a.id, text: a.text })}
                >
                  {t('review.edit')}
                </button>{' '}
                <button
                  type="button"
                  className="link"
                  onClick={() => void props.onAnnotate('', a.id)}
                >
                  {t('review.remove')}
                </button>
              </>
            )}
          </p>
        ))}
        {editing && (
          <NoteForm
            initial={editing.text}
            onCancel={() => setEditing(null)}
            onSave={async (text) => {
              if (await props.onAnnotate(text, editing.id)) setEditing(null);
            }}
          />
        )}
      </div>
      <div className="tl-actions">
        {ev && (
          <button type="button" onClick={() => props.onEvidence(ev)} data-testid="evidence">
            {t(`review.evidence.${ev.kind}`)}
          </button>
        )}
        {props.canWrite && !editing && (
          <button type="button" onClick={() => setEditing({ text: '' })}>
            {t('review.timeline.annotate')}
          </button>
        )}
        {props.canWrite && ev?.kind === 'mention' && (
          <button
            type="button"
            aria-pressed={props.pinnedText !== undefined}
            onClick={() => props.onPin(ev.id, props.pinnedText === undefined)}
          >
            {props.pinnedText === undefined ? t('review.pins.pin') : t('review.pins.unpin')}
          </button>
        )}
      </div>
    </article>
  );
}

/** A note on an event: Ctrl+Enter saves, Escape cancels (and leaves the review open). */
function NoteForm(props: {
  initial: string;
  onSave: (text: string) => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(props.initial);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    if (!text.trim()) return;
    setBusy(true);
    await props.onSave(text.trim());
    setBusy(false);
  };
  const keys = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      props.onCancel();
    } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void save();
    }
  };
  return (
    <form
      className="tl-note-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <textarea
        aria-label={t('review.timeline.note')}
        value={text}
        maxLength={MAX_ITEM_CHARS}
        rows={2}
        autoFocus
        onChange={(e) => setText(e.target.value)}
        onKeyDown={keys}
      />
      <button type="submit" className="primary" disabled={busy || !text.trim()}>
        {t('review.save')}
      </button>
      <button type="button" onClick={props.onCancel}>
        {t('review.cancel')}
      </button>
    </form>
  );
}
