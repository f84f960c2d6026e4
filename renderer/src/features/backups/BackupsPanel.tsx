import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupStatusView } from '../../../../shared/contract/backups';
import { ErrorNote } from '../../components/Field';
import { formatNumber, formatTime } from '../../components/format';
import { call, type DeskSocket } from '../../desk/client';
import { BackupSettingsForm } from './BackupSettingsForm';
import './backups.css';

const MIB = 1024 * 1024;

/**
 * This station's scheduled backups for admins: the last backup (or failure), the next one, the
 * folder and retention, a form to change them, and "Back up now" (a tab of Settings).
 */
export function BackupsPanel(props: { socket: DeskSocket }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [status, setStatus] = useState<BackupStatusView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    void call(props.socket, 'backup.status', {}).then((r) => {
      if (!live) return;
      if (r.ok) setStatus(r);
      else setError(r.message);
    });
    return () => {
      live = false;
    };
  }, [props.socket]);

  const backUpNow = async () => {
    setBusy(true);
    const r = await call(props.socket, 'backup.now', {});
    setBusy(false);
    setError(r.ok ? null : r.message);
    const fresh = await call(props.socket, 'backup.status', {});
    if (fresh.ok) setStatus(fresh);
  };

  const s = status?.settings ?? null;
  const retention = s
    ? [
        s.keepLast !== undefined ? t('backups.keepLast', { count: s.keepLast }) : null,
        s.keepDays !== undefined ? t('backups.keepDays', { count: s.keepDays }) : null,
      ].filter(Boolean)
    : [];
  return (
    <>
      <ErrorNote error={error} />
      {status?.problem && (
        <p role="alert" className="error">
          {status.problem}
        </p>
      )}
      {status && (
        <dl className="backups" data-testid="backup-status">
          <dt>{t('backups.last')}</dt>
          <dd>
            {status.lastSuccess
              ? t('backups.lastValue', {
                  at: formatTime(status.lastSuccess.at, lang),
                  size: formatNumber(
                    Math.max(0.1, Math.round((status.lastSuccess.bytes / MIB) * 10) / 10),
                    lang,
                  ),
                })
              : t('backups.never')}
            {status.lastSuccess &&
              ` · ${status.lastSuccess.by ? t('backups.askedBy', { by: status.lastSuccess.by }) : t('backups.bySchedule')}`}
          </dd>
          {status.lastFailure && (
            <>
              <dt>{t('backups.lastFailure')}</dt>
              <dd className="error">
                {formatTime(status.lastFailure.at, lang)}: {status.lastFailure.message}
              </dd>
            </>
          )}
          {status.settingsChanged && (
            <>
              <dt>{t('backups.changed')}</dt>
              <dd>
                {t('backups.changedValue', {
                  by: status.settingsChanged.by,
                  at: formatTime(status.settingsChanged.at, lang),
                })}
              </dd>
            </>
          )}
          <dt>{t('backups.next')}</dt>
          <dd>{status.next ? formatTime(status.next, lang) : t('backups.none')}</dd>
          <dt>{t('backups.folder')}</dt>
          <dd>{s ? <code>{s.folder}</code> : t('backups.notConfigured')}</dd>
          <dt>{t('backups.retention')}</dt>
          <dd>
            {s
              ? retention.length > 0
                ? retention.join(t('backups.or'))
                : t('backups.keepAll')
              : '—'}
            {s && ` (${t('backups.kept', { count: status.kept })})`}
          </dd>
        </dl>
      )}
      <p>
        <button
          type="button"
          onClick={() => void backUpNow()}
          disabled={busy || !s}
          data-testid="backup-now"
        >
          {busy ? t('backups.running') : t('backups.now')}
        </button>
      </p>
      {status && (
        <BackupSettingsForm socket={props.socket} settings={s} onSaved={(v) => setStatus(v)} />
      )}
    </>
  );
}
