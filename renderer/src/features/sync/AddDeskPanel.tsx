import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JoinCodeMade, StationAccess } from '../../../../shared/contract/sync';
import { ErrorNote } from '../../components/Field';
import { call, type DeskSocket } from '../../desk/client';

/** A fingerprint as certificate viewers show it: hex pairs, colon-separated, upper case. */
function shownFingerprint(hex: string): string {
  return (hex.match(/../g) ?? []).join(':').toUpperCase();
}

/**
 * How another desk joins this room: this station's addresses, its certificate fingerprint (what
 * a browser's certificate warning must show), a join code an admin makes on demand (shown once),
 * and the admin's switch that moves LAN browsers to HTTPS.
 */
export function AddDeskPanel(props: { socket: DeskSocket; isAdmin: boolean }) {
  const { t, i18n } = useTranslation();
  const [access, setAccess] = useState<StationAccess | null>(null);
  const [made, setMade] = useState<JoinCodeMade | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void call(props.socket, 'sync.access', {}).then((r) =>
      r.ok ? setAccess(r) : setError(r.message),
    );
  }, [props.socket]);

  async function makeCode() {
    setBusy(true);
    const r = await call(props.socket, 'sync.makeJoinCode', {});
    setBusy(false);
    if (!r.ok) return setError(r.message);
    setError(null);
    setMade(r);
    setAccess(r.access);
  }

  async function setHttps(on: boolean) {
    setBusy(true);
    const r = await call(props.socket, 'sync.setLanHttps', { on });
    setBusy(false);
    if (!r.ok) return setError(r.message);
    setError(null);
    setAccess(r);
  }

  if (!access) return <ErrorNote error={error} />;
  const address = access.addresses[0] ?? null;
  const scheme = access.lanHttps ? 'https' : 'http';
  return (
    <section className="add-desk" aria-label={t('sync.addDesk')} data-testid="add-desk">
      <h3>{t('sync.addDesk')}</h3>
      {address ? (
        <p>
          {t('sync.reachAt')}{' '}
          {access.addresses.map((a) => (
            <code key={a} className="address">
              {`${scheme}://${a}/`}
            </code>
          ))}
        </p>
      ) : (
        <p className="muted">{t('sync.loopbackOnly')}</p>
      )}
      <p className="muted">
        {t('sync.fingerprint')}{' '}
        <code data-testid="fingerprint">{shownFingerprint(access.fingerprint)}</code>
      </p>
      {props.isAdmin && (
        <>
          <label className="check">
            <input
              type="checkbox"
              checked={access.lanHttps}
              disabled={busy}
              onChange={(e) => void setHttps(e.target.checked)}
            />
            {t('sync.lanHttps')}
          </label>
          <p className="muted">{t('sync.lanHttpsHelp')}</p>
          <button type="button" onClick={() => void makeCode()} disabled={busy}>
            {t('sync.makeJoinCode')}
          </button>
        </>
      )}
      {made && (
        <div className="join-code" role="status">
          <p>
            {t('sync.joinCodeIs')} <strong data-testid="join-code">{made.code}</strong>{' '}
            {t('sync.joinCodeUntil', {
              time: new Date(made.expiresAt).toLocaleString(i18n.language),
            })}
          </p>
          <p className="muted">{t('sync.joinCodeHelp')}</p>
          <code className="command">
            {`holdline join --data DIR --peer ${address ?? 'HOST:PORT'} --code ${made.code}`}
          </code>
        </div>
      )}
      <ErrorNote error={error} />
    </section>
  );
}
