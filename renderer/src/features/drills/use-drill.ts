import { useEffect, useState } from 'react';
import type { DrillStatus } from '../../../../shared/contract/drills';
import { call, type DeskSocket } from '../../desk/client';

/** The station's drill as it runs (drill.progress), or null when none was started. */
export function useDrill(socket: DeskSocket): [DrillStatus | null, (d: DrillStatus) => void] {
  const [drill, setDrill] = useState<DrillStatus | null>(null);
  useEffect(() => {
    let live = true;
    const load = () =>
      void call(socket, 'drill.status', {}).then((r) => {
        if (live && r.ok) setDrill(r.drill);
      });
    load();
    socket.on('drill.progress', setDrill);
    socket.on('connect', load);
    return () => {
      live = false;
      socket.off('drill.progress', setDrill);
      socket.off('connect', load);
    };
  }, [socket]);
  return [drill, setDrill];
}
