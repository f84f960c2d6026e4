import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../../shared/contract/sync';
import { ErrorNote } from '../../components/Field';
import { call, type DeskSocket } from '../../desk/client';

/**
 * Links this station to another by address, for networks where discovery cannot see it
 * (multicast blocked, another subnet). The station keeps the address across restarts.
 */
export function AddPeerForm(props: { socket: DeskSocket; onAdded: (s: SyncStatus) => void }) {
  const { t } = useTranslation();
  const [address, setAddress] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    const r = await call(props.socket, 'sync.addPeer', { address });
    setBusy(false);
    if (!r.ok) return setError(r.message);
    setError(null);
    setAddress('');
    props.onAdded(r);
  }

  return (
    <form className="form-grid" onSubmit={submit} aria-label={t('sync.addPeer')}>
      <label className="full">
        {t('sync.address')}
        <input
          value={address}
          onChange={(e) => setAddress(e.target.value)}
          placeholder="192.168.1.20:4120"
          autoComplete="off"
          spellCheck={false}
          required
        />
      </label>
      <ErrorNote error={error} className="full" />
      <button type="submit" className="primary full" disabled={busy}>
        {t('sync.addPeer')}
      </button>
    </form>
  );
}
