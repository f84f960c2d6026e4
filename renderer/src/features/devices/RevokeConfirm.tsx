import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The second step of a revocation: what it does in words, an optional reason, and the button
 * that does it (nothing happens on the first click of "Revoke…").
 */
export function RevokeConfirm(props: {
  title: string;
  explanation: string;
  busy: boolean;
  /** The confirming button's label (default: "Revoke"). */
  confirmLabel?: string;
  /** Whether to ask for a reason (default: yes). */
  withReason?: boolean;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  return (
    <div role="group" aria-label={props.title} className="revoke-confirm">
      <strong>{props.title}</strong>
      <p>{props.explanation}</p>
      {props.withReason !== false && (
        <label>
          {t('devices.reason')}
          <input value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
        </label>
      )}
      <div className="actions">
        <button
          type="button"
          className="danger"
          disabled={props.busy}
          onClick={() => props.onConfirm(reason.trim())}
        >
          {props.confirmLabel ?? t('devices.confirm')}
        </button>
        <button type="button" onClick={props.onCancel} disabled={props.busy}>
          {t('devices.cancel')}
        </button>
      </div>
    </div>
  );
}
