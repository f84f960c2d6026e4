import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupSettings, BackupStatusView } from '../../../../shared/contract/backups';
import { ErrorNote, TextField } from '../../components/Field';
import { call, type DeskSocket } from '../../desk/client';

const countOrNone = (text: string) => (text.trim() === '' ? undefined : Number(text));

/** The folder, interval and retention of scheduled backups (checked by the station). */
export function BackupSettingsForm(props: {
  socket: DeskSocket;
  settings: BackupSettings | null;
  onSaved: (status: BackupStatusView) => void;
}) {
  const { t } = useTranslation();
  const s = props.settings;
  const [folder, setFolder] = useState(s?.folder ?? '');
  const [every, setEvery] = useState(s?.every ?? '6h');
  const [keepLast, setKeepLast] = useState(s?.keepLast?.toString() ?? '14');
  const [keepDays, setKeepDays] = useState(s?.keepDays?.toString() ?? '');
  const [enabled, setEnabled] = useState(s?.enabled ?? true);
  const [error, setError] = useState<string | null>(null);

  const save = async () => {
    const last = countOrNone(keepLast);
    const days = countOrNone(keepDays);
    const r = await call(props.socket, 'backup.configure', {
      folder,
      every,
      enabled,
      ...(last !== undefined && { keepLast: last }),
      ...(days !== undefined && { keepDays: days }),
    });
    setError(r.ok ? null : r.message);
    if (r.ok) props.onSaved(r);
  };

  return (
    <form
      className="backup-settings"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h3>{t('backups.settings')}</h3>
      <TextField label={t('backups.folder')} value={folder} onValue={setFolder} required />
      <TextField label={t('backups.every')} value={every} onValue={setEvery} required />
      <TextField
        label={t('backups.keepLastField')}
        value={keepLast}
        onValue={setKeepLast}
        inputMode="numeric"
      />
      <TextField
        label={t('backups.keepDaysField')}
        value={keepDays}
        onValue={setKeepDays}
        inputMode="numeric"
      />
      <label className="check">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
        {t('backups.enabled')}
      </label>
      <p className="muted">{t('backups.hint')}</p>
      <ErrorNote error={error} />
      <button type="submit" data-testid="backup-save">
        {t('backups.save')}
      </button>
    </form>
  );
}
