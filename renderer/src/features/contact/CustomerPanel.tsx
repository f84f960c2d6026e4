import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type {
  ContactLinkView,
  ContactSuggestion,
  ContactSummary,
} from '../../../../shared/contract/contacts';
import type { RoomInfo } from '../../../../shared/contract/room';
import type { Mention } from '../../../../shared/domain/mention';
import { can } from '../../../../shared/domain/permissions';
import { describeIdentifier } from '../../../../shared/contacts/identifiers';
import { formatNumber, formatTime } from '../../components/format';
import { call, type DeskSocket } from '../../desk/client';
import { useCustomer } from './use-customer';
import './customer.css';

/** An identifier as a person reads it: "Twitter/X ana_k", "Email ana@example.com". */
function identifierLabel(t: TFunction, id: string): string {
  const d = describeIdentifier(id);
  if (d.kind === 'handle')
    return `${t(`channel.${d.channel}`, { defaultValue: d.channel })} ${d.value}`;
  if (d.kind === 'mention') return t('customer.kind.mention');
  return `${t(`customer.kind.${d.kind}`)} ${d.value}`;
}

function customerName(t: TFunction, c: ContactSummary): string {
  return c.name ?? identifierLabel(t, c.id);
}

/**
 * The customer behind the selected mention: how they are known on each channel, their whole
 * history across channels (newest first, paged), the merges that made them one customer (with
 * unmerge for their author, leads and admins) and suggested merges to confirm or dismiss.
 */
export function CustomerPanel(props: {
  socket: DeskSocket;
  room: RoomInfo;
  mention: Mention;
  onOpen: (m: Mention) => void;
}) {
  const { t, i18n } = useTranslation();
  const { socket, room, mention } = props;
  const c = useCustomer(socket, mention);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const titleId = useId();
  const me = room.me;
  const mayMerge = can(me.role, 'contact.merge');
  const lang = i18n.language;

  async function act(run: () => ReturnType<typeof call>, done?: (r: never) => string | null) {
    setBusy(true);
    setNote(null);
    const r = await run();
    setBusy(false);
    if (!r.ok) return setError(r.message);
    setError(null);
    setNote(done ? done(r as never) : null);
    c.reload();
  }
  const merge = (s: ContactSuggestion) =>
    act(() =>
      call(socket, 'contact.merge', {
        a: s.a,
        b: s.b,
        signal: s.signal,
        evidence: [s.ours.id, s.theirs.id],
      }),
    );
  const dismiss = (s: ContactSuggestion) =>
    act(() => call(socket, 'contact.dismiss', { a: s.a, b: s.b, signal: s.signal }));
  const unmerge = (l: ContactLinkView) =>
    act(
      () => call(socket, 'contact.unmerge', { a: l.a, b: l.b }),
      (r: { stillOne: boolean }) => (r.stillOne ? t('customer.stillOne') : null),
    );

  const contact = c.contact;
  if (!contact)
    return (
      <section className="customer" aria-labelledby={titleId} data-testid="customer">
        <h3 id={titleId}>{t('customer.title')}</h3>
        {c.error && <p role="alert">{c.error}</p>}
      </section>
    );
  const merged = contact.links.filter((l) => l.state === 'merged');
  const settled = contact.links.filter((l) => l.state !== 'merged');
  return (
    <section className="customer" aria-labelledby={titleId} data-testid="customer">
      <h3 id={titleId}>
        {t('customer.title')}: <span className="customer-name">{customerName(t, contact)}</span>
        {contact.location && <span className="muted"> · {contact.location}</span>}
      </h3>
      <ul className="customer-ids" aria-label={t('customer.knownAs')} data-testid="customer-ids">
        {contact.identifiers.map((i) => (
          <li key={i.id} className={`chip identifier identifier-${i.kind}`}>
            {identifierLabel(t, i.id)}
          </li>
        ))}
      </ul>
      {contact.truncated && <p className="warn">{t('customer.truncated')}</p>}
      {(error ?? c.error) && (
        <p role="alert" className="warn">
          {error ?? c.error}
        </p>
      )}
      {note && <p role="status">{note}</p>}

      <h4>
        {t('customer.history', { count: contact.total, n: formatNumber(contact.total, lang) })}
      </h4>
      <ol className="customer-history" data-testid="customer-history">
        {c.history.map((m) => (
          <li key={m.id} aria-current={m.id === mention.id ? 'true' : undefined}>
            <span className={`chip channel channel-${m.channel}`}>{t(`channel.${m.channel}`)}</span>{' '}
            <time dateTime={m.occurredAt}>{formatTime(m.occurredAt, lang)}</time>{' '}
            {/* Untrusted: plain text only (markup in a tweet is data). */}
            {m.id === mention.id ? (
              <span className="customer-text">
                {m.text.slice(0, 200)} <em className="muted">({t('customer.thisOne')})</em>
              </span>
            ) : (
              <button type="button" className="link customer-text" onClick={() => props.onOpen(m)}>
                {m.text.slice(0, 200)}
              </button>
            )}
          </li>
        ))}
      </ol>
      {c.history.length < contact.total && (
        <button type="button" onClick={c.loadMore}>
          {t('customer.more')}
        </button>
      )}

      {(merged.length > 0 || settled.length > 0) && (
        <ul className="customer-links" aria-label={t('customer.decisions')}>
          {[...merged, ...settled].map((l) => (
            <li key={`${l.a}|${l.b}`} data-testid={`link-${l.state}`}>
              {t(`customer.link.${l.state}`, {
                a: identifierLabel(t, l.a),
                b: identifierLabel(t, l.b),
                name: l.byName,
                time: formatTime(l.at, lang),
              })}{' '}
              <span className="muted">({t(`customer.signal.${l.signal}`)})</span>
              {l.state === 'merged' &&
                mayMerge &&
                (can(me.role, 'contact.override') || l.mergedBy === me.id) && (
                  <button type="button" disabled={busy} onClick={() => void unmerge(l)}>
                    {t('customer.unmerge')}
                  </button>
                )}
            </li>
          ))}
        </ul>
      )}

      {c.suggestions.length > 0 && (
        <section className="customer-suggestions" aria-label={t('customer.suggestions')}>
          <h4>{t('customer.suggestions')}</h4>
          <ul>
            {c.suggestions.map((s) => (
              <li key={`${s.a}|${s.b}`} data-testid="customer-suggestion">
                <strong>{customerName(t, s.other)}</strong>
                {s.other.location && <span className="muted"> · {s.other.location}</span>} ·{' '}
                {s.other.identifiers
                  .slice(0, 3)
                  .map((i) => identifierLabel(t, i.id))
                  .join(', ')}{' '}
                ·{' '}
                {t('customer.mentions', {
                  count: s.other.total,
                  n: formatNumber(s.other.total, lang),
                })}
                <p className="muted">
                  {t(`customer.signal.${s.signal}`)}:{' '}
                  <button type="button" className="link" onClick={() => props.onOpen(s.theirs)}>
                    {t(`channel.${s.theirs.channel}`)} · {s.theirs.text.slice(0, 120)}
                  </button>
                </p>
                <div className="actions">
                  <button type="button" disabled={!mayMerge || busy} onClick={() => void merge(s)}>
                    {t('customer.merge')}
                  </button>
                  <button
                    type="button"
                    disabled={!mayMerge || busy}
                    onClick={() => void dismiss(s)}
                  >
                    {t('customer.dismiss')}
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}
