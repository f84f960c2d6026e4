import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MentionDetail } from '../../../../shared/contract/mentions';
import type { MessageHistoryEntry, MessageView } from '../../../../shared/contract/messages';
import type { Mention } from '../../../../shared/domain/mention';
import { Dialog } from '../../components/Dialog';
import { ErrorNote } from '../../components/Field';
import { formatTime } from '../../components/format';
import { call, type DeskSocket } from '../../desk/client';

/** What an evidence dialog shows: a mention or a message. */
export type EvidenceRef = { kind: 'mention' | 'message'; id: string };

/**
 * The evidence behind a timeline event: the mention (its text, author, what was done to it) or
 * the message (its words, approvals, sends), with a way to the queue and to pin the mention.
 */
export function EvidenceDialog(props: {
  socket: DeskSocket;
  evidence: EvidenceRef;
  pinned: boolean;
  canWrite: boolean;
  onPin: (mentionId: string, pinned: boolean) => void;
  onOpenMention: (m: Mention) => void;
  onEvidence: (e: EvidenceRef) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { socket, evidence } = props;
  const [mention, setMention] = useState<MentionDetail | null>(null);
  const [message, setMessage] = useState<{
    message: MessageView;
    history: MessageHistoryEntry[];
  } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    if (evidence.kind === 'mention')
      void call(socket, 'mention.get', { mentionId: evidence.id }).then((r) => {
        if (!live) return;
        if (r.ok) setMention(r);
        else setError(r.message);
      });
    else
      void call(socket, 'message.get', { messageId: evidence.id }).then((r) => {
        if (!live) return;
        if (r.ok) setMessage(r);
        else setError(r.message);
      });
    return () => {
      live = false;
    };
  }, [socket, evidence]);
  return (
    <Dialog title={t(`review.evidence.title.${evidence.kind}`)} onClose={props.onClose} wide>
      <ErrorNote error={error} />
      {!error && !mention && !message && <p className="muted">{t('review.loading')}</p>}
      {mention && (
        <MentionEvidence
          detail={mention}
          pinned={props.pinned}
          canWrite={props.canWrite}
          onPin={props.onPin}
          onOpenMention={props.onOpenMention}
        />
      )}
      {message && <MessageEvidence {...message} onEvidence={props.onEvidence} />}
    </Dialog>
  );
}

function MentionEvidence(props: {
  detail: MentionDetail;
  pinned: boolean;
  canWrite: boolean;
  onPin: (mentionId: string, pinned: boolean) => void;
  onOpenMention: (m: Mention) => void;
}) {
  const { t, i18n } = useTranslation();
  const m = props.detail.mention;
  return (
    <div className="evidence" data-testid="evidence-mention">
      <p>
        <span className="chip">{t(`channel.${m.channel}`, { defaultValue: m.channel })}</span>{' '}
        <strong>{m.author.name ?? m.author.handle}</strong>{' '}
        <time dateTime={m.occurredAt}>{formatTime(m.occurredAt, i18n.language)}</time>{' '}
        <span className={`chip status-${m.status}`}>{t(`status.${m.status}`)}</span>
      </p>
      {/* Untrusted text: a text node, never markup. */}
      <blockquote className="evidence-text">{m.text}</blockquote>
      <ol className="evidence-history">
        {props.detail.history.map((h) => (
          <li key={h.opId}>
            <time dateTime={h.at}>{formatTime(h.at, i18n.language)}</time> {h.actorName} ·{' '}
            {t(`op.${h.type}`, { defaultValue: h.type })}
            {h.effect !== 'applied' && ` · ${t(`effect.${h.effect}`, { defaultValue: h.effect })}`}
          </li>
        ))}
      </ol>
      <div className="row-actions">
        <button type="button" className="primary" onClick={() => props.onOpenMention(m)}>
          {t('review.evidence.showInQueue')}
        </button>
        {props.canWrite && (
          <button
            type="button"
            aria-pressed={props.pinned}
            onClick={() => props.onPin(m.id, !props.pinned)}
          >
            {props.pinned ? t('review.pins.unpin') : t('review.pins.pin')}
          </button>
        )}
      </div>
    </div>
  );
}

function MessageEvidence(props: {
  message: MessageView;
  history: MessageHistoryEntry[];
  onEvidence: (e: EvidenceRef) => void;
}) {
  const { t, i18n } = useTranslation();
  const m = props.message;
  const lang = i18n.language;
  return (
    <div className="evidence" data-testid="evidence-message">
      <p>
        {t(`message.kind.${m.kind}`)} ·{' '}
        <span className={`chip msg-${m.status}`}>{t(`message.status.${m.status}`)}</span> ·{' '}
        {m.created.name} · <time dateTime={m.created.at}>{formatTime(m.created.at, lang)}</time>
      </p>
      <blockquote className="evidence-text">{m.text}</blockquote>
      {m.reviews.length > 0 && (
        <>
          <h4>{t('review.evidence.approvals')}</h4>
          <ul>
            {m.reviews.map((r, i) => (
              <li key={i}>
                {r.name} · {t(`area.${r.area}`, { defaultValue: r.area })} · {r.decision} ·{' '}
                {formatTime(r.at, lang)}
                {r.comment && <q className="comment">{r.comment}</q>}
              </li>
            ))}
          </ul>
        </>
      )}
      {m.sends.length > 0 && (
        <>
          <h4>{t('review.evidence.sends')}</h4>
          <ul>
            {m.sends.map((s, i) => (
              <li key={i}>
                {s.name} · {s.channel} · {s.target} · {formatTime(s.at, lang)}
              </li>
            ))}
          </ul>
        </>
      )}
      {m.mentionId && (
        <button
          type="button"
          onClick={() => props.onEvidence({ kind: 'mention', id: m.mentionId as string })}
        >
          {t('review.evidence.itsMention')}
        </button>
      )}
    </div>
  );
}
