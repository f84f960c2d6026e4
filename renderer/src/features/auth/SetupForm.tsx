import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { postSetup } from '../../desk/http';

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
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [k]: e.target.value });

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (form.password !== form.confirm) return setError(t('auth.passwordsDiffer'));
    setBusy(true);
    const r = await postSetup({
      warRoom: form.warRoom,
      username: form.username,
      displayName: form.displayName || form.username,
      password: form.password,
    });
    setBusy(false);
    if (r.ok) props.onDone(r.token);
    else setError(r.message);
  }

  return (
    <form className="auth-card" onSubmit={submit} aria-labelledby="setup-title">
      <h1 id="setup-title">{t('setup.title')}</h1>
      <p className="muted">{t('setup.intro')}</p>
      <label>
        {t('setup.warRoom')}
        <input
          required
          value={form.warRoom}
          onChange={set('warRoom')}
          autoFocus
          placeholder={t('setup.warRoomHint')}
        />
      </label>
      <label>
        {t('auth.username')}
        <input required value={form.username} onChange={set('username')} autoComplete="username" />
      </label>
      <label>
        {t('setup.displayName')}
        <input value={form.displayName} onChange={set('displayName')} autoComplete="name" />
      </label>
      <label>
        {t('auth.password')}
        <input
          required
          type="password"
          minLength={8}
          value={form.password}
          onChange={set('password')}
          autoComplete="new-password"
        />
      </label>
      <label>
        {t('auth.confirm')}
        <input
          required
          type="password"
          minLength={8}
          value={form.confirm}
          onChange={set('confirm')}
          autoComplete="new-password"
        />
      </label>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy}>
        {t('setup.create')}
      </button>
    </form>
  );
}
