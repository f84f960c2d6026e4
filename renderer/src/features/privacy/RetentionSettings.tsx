import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RetentionView } from '../../../../shared/contract/privacy';
import { ErrorNote, TextField } from '../../components/Field';
import { formatNumber, formatTime } from '../../components/format';
import { call, type DeskSocket } from '../../desk/client';
import './privacy.css';

/** What RetentionSettings needs: the desk's socket and whether this operator may change rules (admins). */
export type RetentionSettingsProps = {
  socket: DeskSocket;
  /** Admins change the rules; leads see them (the station checks again). */
  canManage: boolean;
};

const daysOrNull = (text: string): number | null => (text.trim() === '' ? null : Number(text));

/**
 * The room's retention rules for a Settings tab: how many days mention payloads and contact
 * details are kept (blank keeps them), who set the rules and when, and what sweeps erased.
 * The approved-messaging record is always kept.
 */
export function RetentionSettings(props: RetentionSettingsProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [view, setView] = useState<RetentionView | null>(null);
  const [mentionDays, setMentionDays] = useState('');
  const [contactDays, setContactDays] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const show = (v: RetentionView) => {
    setView(v);
    setMentionDays(v.rules.mentionDays?.toString() ?? '');
    setContactDays(v.rules.contactDays?.toString() ?? '');
  };
  useEffect(() => {
    let live = true;
    void call(props.socket, 'retention.get', {}).then((r) => {
      if (!live) return;
      if (r.ok) show(r);
      else setError(r.message);
    });
    return () => {
      live = false;
    };
  }, [props.socket]);

  const save = async () => {
    const r = await call(props.socket, 'retention.set', {
      mentionDays: daysOrNull(mentionDays),
      contactDays: daysOrNull(contactDays),
    });
    setError(r.ok ? null : r.message);
    setSaved(r.ok);
    if (r.ok) show(r);
  };

  const keptOr = (days: number | null) =>
    days === null ? t('privacy.retention.keep') : t('privacy.retention.days', { days });
  return (
    <section className="privacy-settings" aria-labelledby="retention-title">
      <h3 id="retention-title">{t('privacy.retention.title')}</h3>
      <p className="muted">{t('privacy.retention.intro')}</p>
      {view && (
        <dl className="privacy-facts" data-testid="retention-view">
          <dt>{t('privacy.retention.mentions')}</dt>
          <dd>{keptOr(view.rules.mentionDays)}</dd>
          <dt>{t('privacy.retention.contacts')}</dt>
          <dd>{keptOr(view.rules.contactDays)}</dd>
          <dt>{t('privacy.retention.setBy')}</dt>
          <dd>
            {view.setBy
              ? t('privacy.retention.setByValue', {
                  who: view.setBy,
                  at: formatTime(view.setAt, lang),
                })
              : t('privacy.retention.never')}
          </dd>
          <dt>{t('privacy.retention.applied')}</dt>
          <dd>
            {view.applied.mentionsBefore || view.applied.contactsBefore
              ? t('privacy.retention.appliedValue', {
                  mentions: formatTime(view.applied.mentionsBefore, lang),
                  contacts: formatTime(view.applied.contactsBefore, lang),
                })
              : t('privacy.retention.never')}
          </dd>
          <dt>{t('privacy.retention.erasedHere')}</dt>
          <dd>{formatNumber(view.erasedHere, lang)}</dd>
        </dl>
      )}
      {props.canManage && (
        <form
          className="retention-form"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <TextField
            label={t('privacy.retention.mentionDaysField')}
            value={mentionDays}
            onValue={(v) => {
              setMentionDays(v);
              setSaved(false);
            }}
            inputMode="numeric"
            data-testid="retention-mention-days"
          />
          <TextField
            label={t('privacy.retention.contactDaysField')}
            value={contactDays}
            onValue={(v) => {
              setContactDays(v);
              setSaved(false);
            }}
            inputMode="numeric"
            data-testid="retention-contact-days"
          />
          <p className="muted">{t('privacy.retention.hint')}</p>
          <button type="submit" data-testid="retention-save">
            {t('privacy.retention.save')}
          </button>
          {saved && (
            <p role="status" className="muted">
              {t('privacy.retention.saved')}
            </p>
          )}
        </form>
      )}
      <ErrorNote error={error} />
    </section>
  );
}
