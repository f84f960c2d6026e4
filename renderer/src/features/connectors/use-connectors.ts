import { useEffect, useState } from 'react';
import type { ConnectorsView } from '../../../../shared/contract/connectors';
import { call, type DeskSocket } from '../../desk/client';

/** This station's connectors and their health, kept current by connector.changed. */
export function useConnectors(socket: DeskSocket, enabled: boolean) {
  const [view, setView] = useState<ConnectorsView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    void call(socket, 'connector.list', {}).then((r) => {
      if (!live) return;
      if (r.ok) setView(r);
      else setError(r.message);
    });
    const onChanged = (v: ConnectorsView) => setView(v);
    socket.on('connector.changed', onChanged);
    return () => {
      live = false;
      socket.off('connector.changed', onChanged);
    };
  }, [socket, enabled]);
  return { view, setView, error };
}
