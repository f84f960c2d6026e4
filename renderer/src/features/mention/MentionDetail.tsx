import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PresenceEntry } from '../../../../shared/contract/presence';
import type { MentionDetail as Detail } from '../../../../shared/contract/mentions';
import type { Mention } from '../../../../shared/domain/mention';
import type { RoomInfo } from '../../../../shared/contract/room';
import { call, type DeskSocket } from '../../desk/client';
import { formatTime } from '../../components/format';
import { MentionMessaging } from '../messages/MentionMessaging';
import { MentionRouting } from '../routing/MentionRouting';
import { SlaCountdown } from '../routing/SlaCountdown';
import { CustomerPanel } from '../contact/CustomerPanel';

/** What an action button does. */
export type MentionActionName =
  | 'mention.claim'
  | 'mention.release'
  | 'mention.answer'
  | 'mention.close'
  | 'mention.ignore'
  | 'mention.reopen';

/** The selected mention: full text, who and where, status and claim, history, the customer across channels. */
export function MentionDetail(props: {
  socket: DeskSocket;
  room: RoomInfo;
  mention: Mention | undefined;
  /** Others on this mention right now, at any desk of the room. */
  others: PresenceEntry[];
  version: number;
  notice: string | null;
  onAction: (action: MentionActionName) => void;
  onOpen: (m: Mention) => void;
}) {
  const { t, i18n } = useTranslation();
  const [loaded, setDetail] = useState<Detail | null>(null);
  const m = props.mention;
  const { socket } = props;
  // Reloaded whenever the row changes (a delta replaces it): a claim that lost a race at another
  // desk changes this mention's history even when its holder stays the same.

  useEffect(() => {
    if (!m) return;
    let live = true;
    void call(socket, 'mention.get', { mentionId: m.id }).then((r) => live && r.ok && setDetail(r));
    return () => {
      live = false;
    };
  }, [socket, m]);

  if (!m) return <section className="detail empty muted">{t('detail.none')}</section>;
  // Only what belongs to this mention (a slow answer for the previous one is ignored).
  const detail = loaded?.mention.id === m.id ? loaded : null;
  const mine = m.claim?.operatorId === props.room.me.id;
  const canWork = props.room.me.role !== 'observer';
  const btn = (action: MentionActionName, label: string, key: string, enabled: boolean) => (
    <button
      type="button"
      onClick={() => props.onAction(action)}
      disabled={!canWork || !enabled}
      aria-keyshortcuts={key}
    >
      {label} <kbd>{key}</kbd>
    </button>
  );

  return (
    <section className="detail" data-testid="mention-detail" aria-label={t('detail.title')}>
      <header className="detail-head">
        <span className={`chip channel channel-${m.channel}`}>{t(`channel.${m.channel}`)}</span>
        <strong className="author">{m.author.name ?? m.author.handle}</strong>
        {m.author.name && <span className="muted">{m.author.handle}</span>}
        <span className="spacer" />
        <SlaCountdown m={m} />
        <time dateTime={m.occurredAt}>{formatTime(m.occurredAt, i18n.language)}</time>
      </header>
      {props.others.length > 0 && (
        <p className="presence" data-testid="presence" role="status">
          {props.others
            .map((p) =>
              t(p.mode === 'writing' ? 'presence.writing' : 'presence.viewing', {
                name: p.operatorName,
              }),
            )
            .join(' · ')}
        </p>
      )}
      {/* Untrusted: plain text only; links stay text and are never opened by the app. */}
      <p className="detail-text" data-testid="mention-text">
        {m.text}
      </p>
      <dl className="facts">
        {m.author.email && (
          <>
            <dt>{t('detail.email')}</dt>
            <dd>{m.author.email}</dd>
          </>
        )}
        {m.author.phone && (
          <>
            <dt>{t('detail.phone')}</dt>
            <dd>{m.author.phone}</dd>
          </>
        )}
        {m.brand && (
          <>
            <dt>{t('detail.brand')}</dt>
            <dd>{m.brand}</dd>
          </>
        )}
        {m.location && (
          <>
            <dt>{t('detail.location')}</dt>
            <dd>{m.location}</dd>
          </>
        )}
        <dt>{t('detail.language')}</dt>
        <dd>{t(`language.${m.language}`, { defaultValue: m.language })}</dd>
        <dt>{t('detail.sentiment')}</dt>
        <dd className={`sentiment-${m.sentimentLabel}`}>
          {t(`sentiment.${m.sentimentLabel}`)} ({m.sentimentScore})
        </dd>
        <dt>{t('detail.priority')}</dt>
        <dd>{m.priority}</dd>
        <dt>{t('detail.status')}</dt>
        <dd>
          {t(`status.${m.status}`)}
          {m.statusBy && ` · ${m.statusBy} · ${formatTime(m.statusAt, i18n.language)}`}
          {m.answers > 1 && (
            <strong className="warn"> · {t('queue.answeredTimes', { count: m.answers })}</strong>
          )}
        </dd>
        <dt>{t('detail.claim')}</dt>
        <dd data-testid="claim-state">
          {m.claim
            ? t('detail.claimedBy', {
                name: m.claim.operatorName,
                time: formatTime(m.claim.at, i18n.language),
              })
            : t('detail.unclaimed')}
        </dd>
        {m.duplicates > 0 && (
          <>
            <dt>{t('detail.duplicates')}</dt>
            <dd>{m.duplicates}</dd>
          </>
        )}
        {Object.entries(m.metadata)
          .filter(([, v]) => v !== null && v !== '')
          .map(([k, v]) => (
            <div key={k} className="meta">
              <dt>{k}</dt>
              <dd>{String(v)}</dd>
            </div>
          ))}
      </dl>
      {props.notice && (
        <p role="alert" className="notice collision" data-testid="collision">
          {props.notice}
        </p>
      )}
      <div className="actions">
        {btn('mention.claim', t('action.claim'), 'c', !m.claim && m.status === 'open')}
        {btn(
          'mention.release',
          t('action.release'),
          'r',
          mine || (!!m.claim && (props.room.me.role === 'admin' || props.room.me.role === 'lead')),
        )}
        {btn('mention.answer', t('action.answer'), 'a', m.status === 'open' && (!m.claim || mine))}
        {btn(
          'mention.close',
          t('action.close'),
          'x',
          m.status !== 'closed' && m.status !== 'ignored' && (!m.claim || mine),
        )}
        {btn(
          'mention.ignore',
          t('action.ignore'),
          'i',
          m.status !== 'closed' && m.status !== 'ignored' && (!m.claim || mine),
        )}
        {btn('mention.reopen', t('action.reopen'), 'o', m.status !== 'open')}
      </div>
      <MentionRouting socket={socket} room={props.room} mention={m} />
      <MentionMessaging key={`messaging-${m.id}`} socket={socket} room={props.room} mention={m} />
      {detail?.history
        .filter((h) => h.effect === 'collision')
        .map((h) => (
          <p key={h.opId} className="warn" role="alert" data-testid="collision-notice">
            {t('detail.collision', { name: h.actorName })}
          </p>
        ))}
      {detail && detail.history.length > 0 && (
        <section className="history">
          <h3>{t('detail.history')}</h3>
          <ol>
            {detail.history.map((h) => (
              <li key={h.opId} className={`effect-${h.effect}`}>
                <time dateTime={h.at}>{formatTime(h.at, i18n.language)}</time> {h.actorName} ·{' '}
                {t(`op.${h.type}`, { defaultValue: h.type })}
                {h.effect !== 'applied' &&
                  ` · ${t(`effect.${h.effect}`)}${h.reason ? `: ${h.reason}` : ''}`}
              </li>
            ))}
          </ol>
        </section>
      )}
      <CustomerPanel
        key={`customer-${m.id}`}
        socket={socket}
        room={props.room}
        mention={m}
        onOpen={props.onOpen}
      />
    </section>
  );
}
