import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DoneBy, StationView } from '../../../../shared/contract/devices';
import { ErrorNote } from '../../components/Field';
import { formatTime } from '../../components/format';
import { call, type DeskSocket } from '../../desk/client';
import { RevokeConfirm } from './RevokeConfirm';
import './devices.css';

/** Props of DevicesSettings: the desk's socket (its account must be an admin). */
export type DevicesSettingsProps = { socket: DeskSocket };

// The station list changes rarely; while the tab is open it is read again this often.
const REFRESH_MS = 15_000;

/**
 * Devices (member stations) for admins, a tab of Settings: each station's name, last seen, key
 * and certificate fingerprints, who admitted it, its key rotations and its revocation with who
 * did it and when; "Revoke…" (then a confirmation) revokes a lost one.
 */
export function DevicesSettings(props: DevicesSettingsProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [stations, setStations] = useState<StationView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // Bumped to read the list again (after a revocation, and every REFRESH_MS).
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((v) => v + 1), []);

  useEffect(() => {
    let live = true;
    void call(props.socket, 'station.list', {}).then((r) => {
      if (!live) return;
      if (r.ok) setStations(r.stations);
      else setError(r.message);
    });
    return () => {
      live = false;
    };
  }, [props.socket, version]);

  useEffect(() => {
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);

  const revoke = async (s: StationView, reason: string) => {
    setBusy(true);
    const r = await call(props.socket, 'station.revoke', {
      stationId: s.id,
      ...(reason ? { reason } : {}),
    });
    setBusy(false);
    setError(r.ok ? null : r.message);
    if (r.ok) setConfirming(null);
    reload();
  };

  const rotate = async () => {
    setBusy(true);
    const r = await call(props.socket, 'station.rotateKey', {});
    setBusy(false);
    setError(r.ok ? null : r.message);
    if (r.ok) setConfirming(null);
    reload();
  };

  const done = (d: DoneBy) =>
    t('devices.byAt', { at: formatTime(d.at, lang), by: d.byName ?? d.by });
  if (!stations) return <p>{error ?? t('devices.loading')}</p>;
  return (
    <section aria-label={t('devices.title')} className="devices">
      <ErrorNote error={error} />
      <table className="devices" data-testid="devices">
        <thead>
          <tr>
            <th>{t('devices.station')}</th>
            <th>{t('devices.lastSeen')}</th>
            <th>{t('devices.key')}</th>
            <th>{t('devices.admitted')}</th>
            <th>{t('devices.rotated')}</th>
            <th>{t('devices.status')}</th>
          </tr>
        </thead>
        <tbody>
          {stations.map((s) => (
            <tr key={s.id} className={s.revoked ? 'revoked' : undefined}>
              <td>
                {s.name}
                {s.self && <span className="badge">{t('devices.self')}</span>}
              </td>
              <td>
                {s.self ? '—' : s.lastSeen ? formatTime(s.lastSeen, lang) : t('devices.never')}
              </td>
              <td>
                <code title={t('devices.keyTitle')}>{s.keyFingerprint}</code>
                {s.tlsFingerprint && (
                  <code title={t('devices.tlsTitle')} className="tls">
                    {s.tlsFingerprint.slice(0, 16)}
                  </code>
                )}
              </td>
              <td>{s.admitted.at ? done(s.admitted) : '—'}</td>
              <td>
                {s.rotated
                  ? `${done(s.rotated)} (${t('devices.rotations', { count: s.rotated.count })})`
                  : t('devices.notRotated')}
              </td>
              <td>
                {s.revoked ? (
                  <span>
                    {t('devices.revokedValue', { when: done(s.revoked) })}
                    <br />
                    <small>{t('devices.revokedPoint', { point: s.revoked.point })}</small>
                  </span>
                ) : s.self && confirming === s.id ? (
                  <RevokeConfirm
                    title={t('devices.confirmRotate')}
                    explanation={t('devices.explainRotate')}
                    confirmLabel={t('devices.rotate')}
                    withReason={false}
                    busy={busy}
                    onConfirm={() => void rotate()}
                    onCancel={() => setConfirming(null)}
                  />
                ) : s.self ? (
                  <button type="button" onClick={() => setConfirming(s.id)}>
                    {t('devices.rotateKey')}
                  </button>
                ) : confirming === s.id ? (
                  <RevokeConfirm
                    title={t('devices.confirmStation', { name: s.name })}
                    explanation={t('devices.explainStation')}
                    busy={busy}
                    onConfirm={(reason) => void revoke(s, reason)}
                    onCancel={() => setConfirming(null)}
                  />
                ) : (
                  <button type="button" onClick={() => setConfirming(s.id)}>
                    {t('devices.revoke')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
