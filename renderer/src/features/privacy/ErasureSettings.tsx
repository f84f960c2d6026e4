import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CHANNELS, type Channel } from '../../../../shared/domain/mention';
import type { ErasurePreview, ErasureView } from '../../../../shared/contract/privacy';
import { ErrorNote, SelectField, TextField } from '../../components/Field';
import { formatNumber, formatTime } from '../../components/format';
import { call, type DeskSocket } from '../../desk/client';
import './privacy.css';

/** What ErasureSettings needs: the desk's socket and whether this operator may erase (admins). */
export type ErasureSettingsProps = {
  socket: DeskSocket;
  /** Admins request erasures; leads see the record only (the station checks again). */
  canErase: boolean;
};

/**
 * Erasure requests (GDPR/KVKK) for a Settings tab: find an author (or their whole customer),
 * preview what would go, confirm with a reference, and the record of past erasures with who and
 * when. Shows counts only: no mention text or handle of an erased person ever comes back.
 */
export function ErasureSettings(props: ErasureSettingsProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [erasures, setErasures] = useState<ErasureView[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  // Bumped after a request, to read the record again.
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let live = true;
    void call(props.socket, 'erasure.list', {}).then((r) => {
      if (!live) return;
      if (r.ok) setErasures(r.erasures);
      else setError(r.message);
    });
    return () => {
      live = false;
    };
  }, [props.socket, version]);

  return (
    <section className="privacy-settings" aria-labelledby="erasure-title">
      <h3 id="erasure-title">{t('privacy.erasure.title')}</h3>
      <p className="muted">{t('privacy.erasure.intro')}</p>
      {props.canErase && (
        <ErasureForm socket={props.socket} onDone={() => setVersion((v) => v + 1)} />
      )}
      <ErrorNote error={error} />
      <h4>{t('privacy.erasure.past')}</h4>
      {erasures === null ? null : erasures.length === 0 ? (
        <p className="muted">{t('privacy.erasure.none')}</p>
      ) : (
        <table className="privacy-table" data-testid="erasure-list">
          <thead>
            <tr>
              <th>{t('privacy.erasure.when')}</th>
              <th>{t('privacy.erasure.who')}</th>
              <th>{t('privacy.erasure.reference')}</th>
              <th>{t('privacy.erasure.identifiers')}</th>
              <th>{t('privacy.erasure.erasedHere')}</th>
              <th>{t('privacy.erasure.withheldHere')}</th>
              <th>{t('privacy.erasure.backupsBefore')}</th>
              <th>{t('privacy.erasure.desks')}</th>
              <th>{t('privacy.erasure.status')}</th>
            </tr>
          </thead>
          <tbody>
            {erasures.map((e) => (
              <tr key={e.id}>
                <td>{formatTime(e.requestedAt, lang)}</td>
                <td>{e.requestedBy}</td>
                <td>{e.reference}</td>
                <td>{formatNumber(e.identifiers, lang)}</td>
                <td>{formatNumber(e.here.items, lang)}</td>
                <td>{formatNumber(e.here.withheld, lang)}</td>
                <td>{formatNumber(e.backupsBefore, lang)}</td>
                <td
                  title={e.stations
                    .filter((s) => s.confirmedAt === null)
                    .map((s) => s.name)
                    .join(', ')}
                >
                  {t('privacy.erasure.desksValue', {
                    done: formatNumber(
                      e.stations.filter((s) => s.confirmedAt !== null).length,
                      lang,
                    ),
                    all: formatNumber(e.stations.length, lang),
                  })}
                </td>
                <td>
                  {e.effect === 'applied'
                    ? t('privacy.erasure.applied')
                    : t('privacy.erasure.refused', { reason: e.reason ?? '' })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

// Find, preview, confirm: nothing is recorded before the admin has seen the counts and confirmed.
function ErasureForm(props: { socket: DeskSocket; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [channel, setChannel] = useState<Channel>('twitter');
  const [handle, setHandle] = useState('');
  const [customer, setCustomer] = useState(false);
  const [reference, setReference] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const [preview, setPreview] = useState<ErasurePreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<ErasureView | null>(null);
  const [busy, setBusy] = useState(false);

  const target = { channel, handle, customer };
  const reset = () => {
    setPreview(null);
    setConfirmed(false);
  };
  const look = async () => {
    setBusy(true);
    const r = await call(props.socket, 'erasure.preview', target);
    setBusy(false);
    setError(r.ok ? null : r.message);
    setPreview(r.ok ? r : null);
    setDone(null);
  };
  const erase = async () => {
    setBusy(true);
    const r = await call(props.socket, 'erasure.request', { ...target, reference });
    setBusy(false);
    setError(r.ok ? null : r.message);
    if (!r.ok) return;
    setDone(r.erasure);
    setHandle('');
    setReference('');
    reset();
    props.onDone();
  };

  return (
    <form
      className="erasure-form"
      onSubmit={(e) => {
        e.preventDefault();
        void (preview ? erase() : look());
      }}
    >
      <SelectField
        label={t('privacy.erasure.channel')}
        value={channel}
        options={CHANNELS}
        labelOf={(c) => t(`channel.${c}`, { defaultValue: c })}
        onValue={(c) => {
          setChannel(c);
          reset();
        }}
      />
      <TextField
        label={t('privacy.erasure.handle')}
        value={handle}
        onValue={(v) => {
          setHandle(v);
          reset();
        }}
        required
        data-testid="erasure-handle"
      />
      <label className="check">
        <input
          type="checkbox"
          checked={customer}
          onChange={(e) => {
            setCustomer(e.target.checked);
            reset();
          }}
        />
        {t('privacy.erasure.customer')}
      </label>
      {preview && (
        <div className="erasure-preview" role="status" data-testid="erasure-preview">
          <p>
            {t('privacy.erasure.previewCounts', {
              mentions: formatNumber(preview.mentions, lang),
              identifiers: formatNumber(preview.identifiers, lang),
              withheld: formatNumber(preview.withheld, lang),
            })}
          </p>
          <p>
            {t('privacy.erasure.previewChannels', {
              channels: preview.channels
                .map((c) => t(`channel.${c}`, { defaultValue: c }))
                .join(', '),
            })}
          </p>
          {preview.backupsBefore > 0 && (
            <p className="warning">
              {t('privacy.erasure.backupsWarning', {
                backups: formatNumber(preview.backupsBefore, lang),
              })}
            </p>
          )}
          <TextField
            label={t('privacy.erasure.referenceField')}
            value={reference}
            onValue={setReference}
            required
            maxLength={200}
            data-testid="erasure-reference"
          />
          <label className="check">
            <input
              type="checkbox"
              checked={confirmed}
              onChange={(e) => setConfirmed(e.target.checked)}
              data-testid="erasure-confirm"
            />
            {t('privacy.erasure.confirm')}
          </label>
        </div>
      )}
      <ErrorNote error={error} />
      {done && (
        <p role="status" className="muted">
          {t('privacy.erasure.recorded', { reference: done.reference })}
        </p>
      )}
      <button
        type="submit"
        disabled={busy || handle.trim() === '' || (preview !== null && !confirmed)}
        data-testid={preview ? 'erasure-erase' : 'erasure-preview-button'}
      >
        {preview ? t('privacy.erasure.erase') : t('privacy.erasure.preview')}
      </button>
    </form>
  );
}
