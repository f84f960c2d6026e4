import { useTranslation } from 'react-i18next';
import type { MessageHistoryEntry, MessageView } from '../../../../shared/contract/messages';
import { formatTime } from '../../components/format';
import type { DeskSocket } from '../../desk/client';
import { areaList } from './labels';
import { useMessageDetail } from './use-messages';

/** Every message on a mention, oldest first, each with its versions, reviews and sends. */
export function MessageHistory(props: { socket: DeskSocket; messages: MessageView[] }) {
  const { t } = useTranslation();
  if (props.messages.length === 0) return null;
  const ordered = [...props.messages].sort((a, b) => a.created.at.localeCompare(b.created.at));
  return (
    <section className="history message-history" data-testid="message-history">
      <h3>{t('message.history')}</h3>
      {ordered.map((m) => (
        <MessageOps key={m.id} socket={props.socket} message={m} />
      ))}
    </section>
  );
}

/** One message's ops: who wrote each version, reviewed, sent or retired it; refusals too. */
function MessageOps(props: { socket: DeskSocket; message: MessageView }) {
  const { t, i18n } = useTranslation();
  const m = props.message;
  const lang = i18n.language;
  // Anything that changes the message reloads its ops.
  const stamp = `${m.version}:${m.status}:${m.reviews.length}:${m.sends.length}:${m.retired?.at ?? ''}`;
  const { detail, error } = useMessageDetail(props.socket, m.id, stamp);
  const versions = versionNumbers(detail?.history ?? []);
  return (
    <article className="message-thread" data-testid="message-thread" data-message={m.id}>
      <h4>
        {t(`message.kind.${m.kind}`)} ·{' '}
        <span className={`msg-${m.status}`}>{t(`message.status.${m.status}`)}</span>
      </h4>
      {error && <p className="error">{error}</p>}
      <ol>
        {detail?.history.map((h, i) => (
          <li
            key={h.opId}
            className={`effect-${h.effect}`}
            data-testid="message-op"
            data-type={h.type}
            data-effect={h.effect}
          >
            <time dateTime={h.at}>{formatTime(h.at, lang)}</time> {h.name} ·{' '}
            {describe(h, versions[i] ?? { version: 1, again: false }, m, t, lang)}
            {h.effect !== 'applied' &&
              ` · ${t(`effect.${h.effect}`, { defaultValue: h.effect })}${h.reason ? `: ${h.reason}` : ''}`}
            {h.comment && <q className="comment">{h.comment}</q>}
            {h.type === 'message.draft' && h.text !== null && !versions[i]?.again && (
              <p className="message-text" data-testid="version-text">
                {h.text}
              </p>
            )}
          </li>
        ))}
      </ol>
    </article>
  );
}

/**
 * The version each op left the message at (a draft with new words starts the next one), and
 * whether a draft saved the same words again (a submission, or new topics or channel).
 */
function versionNumbers(
  history: readonly MessageHistoryEntry[],
): { version: number; again: boolean }[] {
  let version = 0;
  let hash: string | null = null;
  return history.map((h) => {
    const draft = h.type === 'message.draft' && h.effect === 'applied';
    const again = draft && h.contentHash === hash;
    if (draft && !again) {
      version += 1;
      hash = h.contentHash;
    }
    return { version: Math.max(version, 1), again };
  });
}

function describe(
  h: MessageHistoryEntry,
  at: { version: number; again: boolean },
  m: MessageView,
  t: ReturnType<typeof useTranslation>['t'],
  lang: string,
): string {
  switch (h.type) {
    case 'message.draft':
      return t(
        at.again
          ? h.submit
            ? 'message.op.submitted'
            : 'message.op.saveAgain'
          : h.submit
            ? 'message.op.draftSubmitted'
            : 'message.op.draft',
        { version: at.version },
      );
    case 'message.review':
      return t('message.op.review', {
        decision: t(`message.decision.${h.decision ?? 'approve'}`),
        area: areaList(h.area ? [h.area] : [], t, lang),
      });
    case 'message.send': {
      const send = m.sends.find((s) => s.id === h.id && s.at === h.at);
      return t('message.op.send', {
        channel: t(`channel.${h.channel ?? m.channel}`, { defaultValue: h.channel ?? m.channel }),
        via: send ? send.via.map((v) => t(`message.via.${v}`)).join(', ') : '—',
      });
    }
    case 'message.retire':
      return t('message.op.retire');
  }
}
