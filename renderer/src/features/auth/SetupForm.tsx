import { ROOM_MODES, type RoomMode } from '../../../../shared/domain/room-mode';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { postSetup } from '../../desk/http';
import { ErrorNote, NewPasswordField, TextField } from '../../components/Field';
import { RecoveryCodeStep } from './RecoveryCodeStep';

/** First start: name the war room and create its admin. Nothing typed is lost on an error. */
export function SetupForm(props: { onDone: (token: string) => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState({
    warRoom: '',
    username: '',
    displayName: '',
    password: '',
    confirm: '',
  });
  const [mode, setMode] = useState<RoomMode>('live');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Made: the room's recovery code, shown once before the desk opens.
  const [made, setMade] = useState<{ token: string; recoveryCode: string } | null>(null);
  const set = (k: keyof typeof form) => (value: string) => setForm({ ...form, [k]: value });

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (form.password !== form.confirm) return setError(t('auth.passwordsDiffer'));
    setBusy(true);
    const r = await postSetup({
      warRoom: form.warRoom,
      username: form.username,
      displayName: form.displayName || form.username,
      password: form.password,
      ...(mode !== 'live' && { mode }),
    });
    setBusy(false);
    if (r.ok && r.recoveryCode) setMade({ token: r.token, recoveryCode: r.recoveryCode });
    else if (r.ok) props.onDone(r.token);
    else setError(r.message);
  }

  if (made)
    return <RecoveryCodeStep code={made.recoveryCode} onDone={() => props.onDone(made.token)} />;

  return (
    <form className="auth-card" onSubmit={submit} aria-labelledby="setup-title">
      <h1 id="setup-title">{t('setup.title')}</h1>
      <p className="muted">{t('setup.intro')}</p>
      <TextField
        label={t('setup.warRoom')}
        required
        value={form.warRoom}
        onValue={set('warRoom')}
        autoFocus
        placeholder={t('setup.warRoomHint')}
      />
      <TextField
        label={t('auth.username')}
        required
        value={form.username}
        onValue={set('username')}
        autoComplete="username"
      />
      <TextField
        label={t('setup.displayName')}
        value={form.displayName}
        onValue={set('displayName')}
        autoComplete="name"
      />
      <NewPasswordField
        label={t('auth.password')}
        value={form.password}
        onValue={set('password')}
      />
      <NewPasswordField label={t('auth.confirm')} value={form.confirm} onValue={set('confirm')} />
      <fieldset className="room-kind">
        <legend>{t('setup.kind')}</legend>
        {ROOM_MODES.map((m) => (
          <label className="check" key={m}>
            <input type="radio" name="room-kind" checked={mode === m} onChange={() => setMode(m)} />
            {t(`setup.${m}`)}
          </label>
        ))}
      </fieldset>
      <p className="muted">{t('setup.drillHint')}</p>
      <ErrorNote error={error} />
      <button type="submit" className="primary" disabled={busy}>
        {t('setup.create')}
      </button>
    </form>
  );
}
