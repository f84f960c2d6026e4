import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNote } from '../../components/Field';
import { call, type DeskSocket } from '../../desk/client';

/** An admin replaces the room's recovery code; the new one is shown once, here. */
export function RecoveryCodeRenewal(props: { socket: DeskSocket }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const [code, setCode] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function renew() {
    setAsking(false);
    const r = await call(props.socket, 'room.renewRecoveryCode', {});
    if (r.ok) setCode(r.recoveryCode);
    setError(r.ok ? null : r.message);
  }

  return (
    <section aria-labelledby="recovery-renewal">
      <h3 id="recovery-renewal">{t('people.recoveryTitle')}</h3>
      <p className="muted">{t('people.recoveryHint')}</p>
      {code && (
        <p role="status">
          {t('people.recoveryShown')}{' '}
          <code className="recovery-code" data-testid="recovery-code">
            {code}
          </code>
        </p>
      )}
      <ErrorNote error={error} />
      {asking ? (
        <p>
          {t('people.recoveryConfirm')}{' '}
          <button type="button" className="primary" onClick={() => void renew()}>
            {t('people.recoveryYes')}
          </button>{' '}
          <button type="button" onClick={() => setAsking(false)}>
            {t('people.resetCancel')}
          </button>
        </p>
      ) : (
        <button type="button" onClick={() => setAsking(true)}>
          {t('people.recoveryRenew')}
        </button>
      )}
    </section>
  );
}
