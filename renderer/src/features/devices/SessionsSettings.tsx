import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OperatorSessionsView } from '../../../../shared/contract/devices';
import { ErrorNote } from '../../components/Field';
import { formatTime } from '../../components/format';
import { call, type DeskSocket } from '../../desk/client';
import { RevokeConfirm } from './RevokeConfirm';
import './devices.css';

/** Props of SessionsSettings: the desk's socket and its own account's id (an admin's). */
export type SessionsSettingsProps = { socket: DeskSocket; meId: string };

/**
 * Accounts and their sessions for admins, a tab of Settings: live sessions on this desk, last
 * login, and each revocation with who did it, when and why; "Revoke…" (then a confirmation) logs
 * someone who left out of every desk at once and releases what they hold.
 */
export function SessionsSettings(props: SessionsSettingsProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [operators, setOperators] = useState<OperatorSessionsView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // Bumped to read the list again (after a revocation, or when accounts changed anywhere).
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((v) => v + 1), []);

  useEffect(() => {
    let live = true;
    void call(props.socket, 'session.list', {}).then((r) => {
      if (!live) return;
      if (r.ok) setOperators(r.operators);
      else setError(r.message);
    });
    return () => {
      live = false;
    };
  }, [props.socket, version]);

  useEffect(() => {
    props.socket.on('operator.changed', reload);
    return () => {
      props.socket.off('operator.changed', reload);
    };
  }, [props.socket, reload]);

  const revoke = async (o: OperatorSessionsView, reason: string) => {
    setBusy(true);
    const r = await call(props.socket, 'operator.revoke', {
      operatorId: o.operatorId,
      ...(reason ? { reason } : {}),
    });
    setBusy(false);
    setError(r.ok ? null : r.message);
    if (r.ok) {
      setConfirming(null);
      setNotice(
        t('devices.sessions.revokedNotice', { name: o.displayName, count: r.releasedClaims }),
      );
    }
    reload();
  };

  if (!operators) return <p>{error ?? t('devices.loading')}</p>;
  return (
    <section aria-label={t('devices.sessions.title')} className="devices">
      <ErrorNote error={error} />
      {notice && <p role="status">{notice}</p>}
      <table className="devices" data-testid="sessions">
        <thead>
          <tr>
            <th>{t('devices.sessions.account')}</th>
            <th>{t('devices.sessions.role')}</th>
            <th>{t('devices.sessions.here')}</th>
            <th>{t('devices.sessions.lastLogin')}</th>
            <th>{t('devices.status')}</th>
          </tr>
        </thead>
        <tbody>
          {operators.map((o) => (
            <tr key={o.operatorId} className={o.revoked ? 'revoked' : undefined}>
              <td>
                {o.displayName} <small>({o.username})</small>
              </td>
              <td>{t(`role.${o.role}`)}</td>
              <td>{o.sessions}</td>
              <td>{o.lastLogin ? formatTime(o.lastLogin, lang) : '—'}</td>
              <td>
                {o.revoked ? (
                  <span>
                    {t('devices.revokedValue', {
                      when: t('devices.byAt', {
                        at: formatTime(o.revoked.at, lang),
                        by: o.revoked.byName ?? o.revoked.by,
                      }),
                    })}
                    {o.revoked.reason && (
                      <>
                        <br />
                        <small>{o.revoked.reason}</small>
                      </>
                    )}
                  </span>
                ) : o.operatorId === props.meId ? (
                  t('devices.sessions.you')
                ) : confirming === o.operatorId ? (
                  <RevokeConfirm
                    title={t('devices.sessions.confirm', { name: o.displayName })}
                    explanation={t('devices.sessions.explain', { name: o.displayName })}
                    busy={busy}
                    onConfirm={(reason) => void revoke(o, reason)}
                    onCancel={() => setConfirming(null)}
                  />
                ) : (
                  <>
                    {o.disabled && <span>{t('devices.sessions.disabled')} </span>}
                    <button type="button" onClick={() => setConfirming(o.operatorId)}>
                      {t('devices.revoke')}
                    </button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
