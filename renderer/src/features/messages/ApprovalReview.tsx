import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageTemplate, MessageView } from '../../../../shared/contract/messages';
import type { RoomInfo } from '../../../../shared/contract/room';
import type { Mention } from '../../../../shared/domain/mention';
import type { ReviewDecision } from '../../../../shared/messaging/message-state';
import {
  mayApproveFor,
  type ApprovalArea,
  type ApprovalPolicy,
} from '../../../../shared/messaging/policy';
import { ErrorNote } from '../../components/Field';
import { formatTime } from '../../components/format';
import { call, type DeskSocket } from '../../desk/client';
import { FindingList } from './FindingList';
import { areaList } from './labels';
import { MarkedText } from './MarkedText';
import { MessageStatus } from './MessageStatus';
import { marksOf } from './text-marks';
import { useMessageDetail, versionsOf } from './use-messages';
import { WordDiffView } from './WordDiffView';

/** Areas this person may review a message for that still lack an approval. */
function reviewableAreas(m: MessageView, me: RoomInfo['me'], policy: ApprovalPolicy | null) {
  const p = policy ?? { rules: [], backups: {} };
  return m.required.filter((a) => !m.approvedAreas.includes(a) && mayApproveFor(p, a, me));
}

/**
 * One message waiting for approval: the exact words with their voice findings, what changed
 * since the last version (or the template), the rules that ask for approval, and the decision.
 */
export function ApprovalReview(props: {
  socket: DeskSocket;
  room: RoomInfo;
  message: MessageView;
  policy: ApprovalPolicy | null;
  templates: readonly MessageTemplate[];
  onReviewed: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { socket, message, room } = props;
  const lang = i18n.language;
  const { detail, error: loadError } = useMessageDetail(socket, message.id, message.contentHash);
  const [mention, setMention] = useState<Mention | null>(null);
  const areas = reviewableAreas(message, room.me, props.policy);
  const [area, setArea] = useState<ApprovalArea | ''>('');
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const chosen = area && areas.includes(area) ? area : (areas[0] ?? null);

  useEffect(() => {
    if (!message.mentionId) return;
    let live = true;
    void call(socket, 'mention.get', { mentionId: message.mentionId }).then(
      (r) => live && r.ok && setMention(r.mention),
    );
    return () => {
      live = false;
    };
  }, [socket, message.mentionId]);

  // The words reviewed are the ones loaded here: their hash goes with the decision.
  const shown = detail?.message.contentHash === message.contentHash ? detail : null;
  const blocking = shown?.findings.filter((f) => f.severity === 'block') ?? [];
  const versions = shown ? versionsOf(shown.history) : [];
  const previous = versions.at(-2);
  const template = props.templates.find((x) => x.id === message.templateId);

  async function review(decision: ReviewDecision) {
    if (!shown || !chosen) return;
    setBusy(true);
    const r = await call(socket, 'message.review', {
      messageId: message.id,
      decision,
      area: chosen,
      contentHash: shown.message.contentHash,
      ...(comment.trim() && { comment: comment.trim() }),
    });
    setBusy(false);
    if (!r.ok) return setError(r.message);
    setError(null);
    setComment('');
    props.onReviewed();
  }

  return (
    <section className="approval-review" data-testid="approval-review" aria-live="polite">
      <header className="row-line">
        <strong>
          {t(`message.kind.${message.kind}`)}
          {message.library && ` · ${message.library.scenario} (${message.library.language})`}
        </strong>
        <span className="muted">
          {t('approvals.by', {
            name: message.versionBy.name,
            time: formatTime(message.versionBy.at, lang),
          })}
        </span>
      </header>
      {mention && (
        <blockquote className="in-reply-to" data-testid="approval-mention">
          <span className="muted">
            {t('approvals.inReplyTo', { author: mention.author.name ?? mention.author.handle })}
          </span>
          <span className="message-text">{mention.text}</span>
        </blockquote>
      )}
      {!shown && !loadError && <p className="muted">{t('composer.loading')}</p>}
      <ErrorNote error={loadError} />
      {shown && (
        <>
          <p className="message-text review-text" data-testid="review-text">
            <MarkedText
              text={shown.message.text}
              marks={marksOf(shown.message.text, shown.findings)}
            />
          </p>
          <FindingList findings={shown.findings} text={shown.message.text} />
          {previous ? (
            <WordDiffView
              before={previous.text ?? ''}
              after={shown.message.text}
              label={t('approvals.diffVersion', { version: versions.length - 1 })}
            />
          ) : (
            template && (
              <WordDiffView
                before={template.text}
                after={shown.message.text}
                label={t('approvals.diffTemplate', { name: template.name })}
              />
            )
          )}
        </>
      )}
      <div className="required" data-testid="review-rules">
        <p>{t('composer.needsApproval', { areas: areaList(message.required, t, lang) })}</p>
        <ul>
          {message.requiredBy.map((rule) => (
            <li key={rule}>{rule}</li>
          ))}
        </ul>
      </div>
      <MessageStatus message={message} />
      {areas.length === 0 ? (
        <p className="muted">{t('approvals.noArea')}</p>
      ) : (
        <div className="review-form">
          {areas.length > 1 && (
            <label>
              {t('approvals.area')}
              <select
                value={chosen ?? ''}
                onChange={(e) => setArea(e.target.value as ApprovalArea)}
              >
                {areas.map((a) => (
                  <option key={a} value={a}>
                    {areaList([a], t, lang)}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label>
            {t('approvals.comment')}
            <textarea rows={2} value={comment} onChange={(e) => setComment(e.target.value)} />
          </label>
          {blocking.length > 0 && <p className="error">{t('approvals.blocked')}</p>}
          <div className="actions">
            <button
              type="button"
              className="primary"
              disabled={!shown || busy || blocking.length > 0}
              onClick={() => void review('approve')}
            >
              {t('approvals.approve', { area: chosen ? areaList([chosen], t, lang) : '' })}
            </button>
            <button type="button" disabled={!shown || busy} onClick={() => void review('changes')}>
              {t('approvals.changes')}
            </button>
            <button type="button" disabled={!shown || busy} onClick={() => void review('reject')}>
              {t('approvals.reject')}
            </button>
          </div>
        </div>
      )}
      <ErrorNote error={error} />
    </section>
  );
}
