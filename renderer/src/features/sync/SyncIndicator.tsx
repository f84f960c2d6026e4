import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../../shared/contract/sync';
import { Dialog } from '../../components/Dialog';
import { formatNumber } from '../../components/format';
import { syncSummary } from './use-sync-status';
import { AddPeerForm } from './AddPeerForm';
import { AddDeskPanel } from './AddDeskPanel';
import { BuildWarnings, PeerBuild } from './PeerBuild';
import type { DeskSocket } from '../../desk/client';

/** The header's sync chip; opens the peers panel. */
export function SyncIndicator(props: {
  status: SyncStatus | null;
  socket: DeskSocket;
  canManage: boolean;
  isAdmin: boolean;
}) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const s = syncSummary(props.status);
  const label =
    s.kind === 'alone'
      ? t('sync.alone')
      : s.kind === 'offline'
        ? t('sync.noPeers')
        : s.kind === 'syncing'
          ? t('sync.syncing', { formatted: formatNumber(s.behind, i18n.language) })
          : t('sync.synced', { count: s.connected });
  return (
    <>
      <button
        type="button"
        className={`chip ${s.kind === 'offline' ? 'offline' : s.kind === 'synced' ? 'online' : ''}`}
        data-testid="sync-status"
        onClick={() => setOpen(true)}
      >
        {label}
      </button>
      {open && (
        <PeersDialog
          status={props.status}
          socket={props.socket}
          canManage={props.canManage}
          isAdmin={props.isAdmin}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}

/** Every link of this station: connected or not, last seen, how far behind. */
function PeersDialog(props: {
  status: SyncStatus | null;
  socket: DeskSocket;
  canManage: boolean;
  isAdmin: boolean;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  // The answer to an add shows the new link at once; sync.changed keeps it current after.
  // (It counts only until the next status arrives from the station.)
  const [added, setAdded] = useState<{ status: SyncStatus; over: SyncStatus | null } | null>(null);
  const status = added && added.over === props.status ? added.status : props.status;
  const peers = status?.peers ?? [];
  const when = (iso: string | null) =>
    iso ? new Date(iso).toLocaleTimeString(i18n.language) : t('sync.never');
  return (
    <Dialog title={t('sync.peersTitle')} onClose={props.onClose} wide>
      <BuildWarnings status={status} />
      {peers.length === 0 ? (
        <p className="muted">{t('sync.nonePanel')}</p>
      ) : (
        <table className="peers">
          <thead>
            <tr>
              <th>{t('sync.station')}</th>
              <th>{t('sync.link')}</th>
              <th>{t('sync.lastSeen')}</th>
              <th>{t('sync.behind')}</th>
              <th>{t('sync.version')}</th>
            </tr>
          </thead>
          <tbody>
            {peers.map((p, i) => (
              <tr key={`${p.stationId ?? ''}-${p.address ?? ''}-${i}`} data-testid="peer-row">
                <td>
                  {p.stationId ?? p.address}
                  {p.refused && <div className="muted">{p.refused}</div>}
                </td>
                <td>{p.connected ? t('sync.connected') : t('sync.disconnected')}</td>
                <td>{when(p.lastSeen)}</td>
                <td>{formatNumber(p.behind, i18n.language)}</td>
                <td>
                  <PeerBuild app={p.app} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {props.canManage && (
        <>
          <AddPeerForm
            socket={props.socket}
            onAdded={(s) => setAdded({ status: s, over: props.status })}
          />
          <AddDeskPanel socket={props.socket} isAdmin={props.isAdmin} />
        </>
      )}
    </Dialog>
  );
}
