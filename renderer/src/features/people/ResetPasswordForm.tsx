import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Operator } from '../../../../shared/domain/people';
import { ErrorNote, NewPasswordField } from '../../components/Field';
import { call, type DeskSocket } from '../../desk/client';

/** An admin sets a new password for an account; its sessions end on every desk. */
export function ResetPasswordForm(props: {
  socket: DeskSocket;
  operator: Operator;
  onDone: (notice: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [mustChange, setMustChange] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const name = props.operator.displayName;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (password !== confirm) return setError(t('auth.passwordsDiffer'));
    const r = await call(props.socket, 'operator.resetPassword', {
      operatorId: props.operator.id,
      password,
      mustChange,
    });
    if (r.ok) props.onDone(t('people.resetDone', { name }));
    else setError(r.message);
  }

  return (
    <form className="form-grid" onSubmit={submit} aria-label={t('people.resetTitle', { name })}>
      <h3 className="full">{t('people.resetTitle', { name })}</h3>
      <p className="full muted">{t('people.resetHint')}</p>
      <NewPasswordField label={t('people.newPassword')} value={password} onValue={setPassword} />
      <NewPasswordField label={t('auth.confirm')} value={confirm} onValue={setConfirm} />
      <label className="check full">
        <input
          type="checkbox"
          checked={mustChange}
          onChange={(e) => setMustChange(e.target.checked)}
        />
        {t('people.mustChange')}
      </label>
      <ErrorNote error={error} className="full" />
      <button type="submit" className="primary">
        {t('people.resetButton')}
      </button>
      <button type="button" onClick={props.onCancel}>
        {t('people.resetCancel')}
      </button>
    </form>
  );
}
