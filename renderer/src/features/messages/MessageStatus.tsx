import { useTranslation } from 'react-i18next';
import type { MessageView } from '../../../../shared/contract/messages';
import { formatTime } from '../../components/format';
import { areaList } from './labels';

/** Where a message stands: status, version, who reviewed it for what, who sent it and how. */
export function MessageStatus(props: { message: MessageView }) {
  const { t, i18n } = useTranslation();
  const m = props.message;
  const lang = i18n.language;
  const missing = m.required.filter((a) => !m.approvedAreas.includes(a));
  return (
    <div className="message-status" data-testid="message-status">
      <p className="row-line">
        <span className={`chip msg-${m.status}`} data-testid="message-state">
          {t(`message.status.${m.status}`)}
        </span>
        <span className="muted">
          {t('message.version', { version: m.version, name: m.versionBy.name })} ·{' '}
          <time dateTime={m.versionBy.at}>{formatTime(m.versionBy.at, lang)}</time>
        </span>
      </p>
      {m.status === 'in-review' && missing.length > 0 && (
        <p className="warn">{t('message.waitingFor', { areas: areaList(missing, t, lang) })}</p>
      )}
      {m.reviews.length > 0 && (
        <ul className="reviews">
          {m.reviews.map((r) => (
            <li key={`${r.id}-${r.area}`} className={`decision-${r.decision}`}>
              {t('message.reviewLine', {
                name: r.name,
                decision: t(`message.decision.${r.decision}`),
                area: areaList([r.area], t, lang),
              })}{' '}
              · <time dateTime={r.at}>{formatTime(r.at, lang)}</time>
              {r.comment && <q className="comment">{r.comment}</q>}
            </li>
          ))}
        </ul>
      )}
      {m.sends.map((s) => (
        <p key={`${s.id}-${s.at}`} className="ok" data-testid="sent-by">
          {t('message.sentBy', {
            name: s.name,
            time: formatTime(s.at, lang),
            via: s.via.map((v) => t(`message.via.${v}`)).join(', '),
          })}
        </p>
      ))}
      {m.retired && (
        <p className="muted">
          {t('message.retiredBy', { name: m.retired.name, time: formatTime(m.retired.at, lang) })}
        </p>
      )}
    </div>
  );
}
