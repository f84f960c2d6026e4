import { useEffect, useState } from 'react';
import type { SyncStatus } from '../../../../shared/contract/sync';
import { call, type DeskSocket } from '../../desk/client';

/** This station's links to its peers, kept current by `sync.changed`. */
export function useSyncStatus(socket: DeskSocket): SyncStatus | null {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  useEffect(() => {
    let live = true;
    const load = () =>
      void call(socket, 'sync.status', {}).then((r) => {
        if (live && r.ok) setStatus(r);
      });
    load();
    socket.on('sync.changed', setStatus);
    socket.on('connect', load);
    return () => {
      live = false;
      socket.off('sync.changed', setStatus);
      socket.off('connect', load);
    };
  }, [socket]);
  return status;
}

/** What the header says about sync: alone, in sync, catching up, or cut off from every peer. */
export function syncSummary(
  s: SyncStatus | null,
):
  | { kind: 'alone' }
  | { kind: 'offline' }
  | { kind: 'syncing'; behind: number; connected: number }
  | { kind: 'synced'; connected: number } {
  const peers = s?.peers ?? [];
  if (peers.length === 0) return { kind: 'alone' };
  const connected = peers.filter((p) => p.connected);
  if (connected.length === 0) return { kind: 'offline' };
  const behind = connected.reduce((n, p) => n + p.behind, 0);
  return behind > 0
    ? { kind: 'syncing', behind, connected: connected.length }
    : { kind: 'synced', connected: connected.length };
}
