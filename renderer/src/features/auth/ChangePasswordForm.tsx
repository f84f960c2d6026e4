import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { postChangePassword } from '../../desk/http';
import { ErrorNote, NewPasswordField } from '../../components/Field';

/** After an admin's reset that asked for it: the operator chooses a new password, then is in. */
export function ChangePasswordForm(props: {
  username: string;
  password: string;
  onDone: (token: string) => void;
}) {
  const { t } = useTranslation();
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (next !== confirm) return setError(t('auth.passwordsDiffer'));
    setBusy(true);
    const r = await postChangePassword({
      username: props.username,
      password: props.password,
      newPassword: next,
    });
    setBusy(false);
    if (r.ok) props.onDone(r.token);
    else setError(r.message);
  }

  return (
    <form className="auth-card" onSubmit={submit} aria-labelledby="change-title">
      <h1 id="change-title">{t('auth.changeTitle')}</h1>
      <p className="muted">{t('auth.changeIntro')}</p>
      <NewPasswordField label={t('people.newPassword')} value={next} onValue={setNext} />
      <NewPasswordField label={t('auth.confirm')} value={confirm} onValue={setConfirm} />
      <ErrorNote error={error} />
      <button type="submit" className="primary" disabled={busy}>
        {t('auth.changeButton')}
      </button>
    </form>
  );
}
