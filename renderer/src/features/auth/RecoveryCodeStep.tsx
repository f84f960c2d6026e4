import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Shown once after the war room is made: its recovery code, which the station stores nowhere.
 * The customer writes it down offline; it gets the room an admin back if every admin's desk is
 * lost (holdline recover).
 */
export function RecoveryCodeStep(props: { code: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [stored, setStored] = useState(false);
  return (
    <section className="auth-card" aria-labelledby="recovery-title">
      <h1 id="recovery-title">{t('setup.recoveryTitle')}</h1>
      <p>{t('setup.recoveryIntro')}</p>
      <p>
        <code className="recovery-code" data-testid="recovery-code">
          {props.code}
        </code>
      </p>
      <p className="muted">{t('setup.recoveryOnce')}</p>
      <label className="check">
        <input type="checkbox" checked={stored} onChange={(e) => setStored(e.target.checked)} />
        {t('setup.recoveryStored')}
      </label>
      <button type="button" className="primary" disabled={!stored} onClick={props.onDone}>
        {t('setup.recoveryContinue')}
      </button>
    </section>
  );
}
