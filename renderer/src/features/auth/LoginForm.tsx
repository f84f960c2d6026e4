import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { postLogin } from '../../desk/http';
import { ErrorNote, TextField } from '../../components/Field';
import { ChangePasswordForm } from './ChangePasswordForm';

/** Login with username and password. */
export function LoginForm(props: {
  warRoom: string | null;
  notice: string | null;
  onDone: (token: string) => void;
}) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(props.notice);
  const [busy, setBusy] = useState(false);
  // An admin reset the password and asked for a new one: choose it before the desk opens.
  const [mustChange, setMustChange] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    const r = await postLogin({ username, password });
    setBusy(false);
    if (r.ok) props.onDone(r.token);
    else if ('mustChangePassword' in r) setMustChange(true);
    else setError(r.code === 'unauthenticated' ? t('auth.wrong') : r.message);
  }

  if (mustChange)
    return <ChangePasswordForm username={username} password={password} onDone={props.onDone} />;

  return (
    <form className="auth-card" onSubmit={submit} aria-labelledby="login-title">
      <h1 id="login-title">{props.warRoom ?? 'Holdline'}</h1>
      <p className="muted">{t('auth.loginIntro')}</p>
      <TextField
        label={t('auth.username')}
        required
        value={username}
        onValue={setUsername}
        autoComplete="username"
        autoFocus
      />
      <TextField
        label={t('auth.password')}
        required
        type="password"
        value={password}
        onValue={setPassword}
        autoComplete="current-password"
      />
      <ErrorNote error={error} />
      <button type="submit" className="primary" disabled={busy}>
        {t('auth.login')}
      </button>
    </form>
  );
}
