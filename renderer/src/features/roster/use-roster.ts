import { useCallback, useEffect, useState } from 'react';
import type { RosterView } from '../../../../shared/contract/roster';
import { call, type DeskSocket } from '../../desk/client';

/** The room's roster (who is on shift, shifts planned for today), kept current by `roster.changed`. */
export function useRoster(socket: DeskSocket): { roster: RosterView | null; reload(): void } {
  const [roster, setRoster] = useState<RosterView | null>(null);
  const reload = useCallback(() => {
    // Planned shifts of today, as this desk's clock has it.
    const from = new Date();
    from.setHours(0, 0, 0, 0);
    const to = new Date(from);
    to.setDate(to.getDate() + 1);
    const window = { from: from.toISOString(), to: to.toISOString() };
    void call(socket, 'roster.list', window).then((r) => {
      if (r.ok) setRoster({ onShift: r.onShift, shifts: r.shifts });
    });
  }, [socket]);
  useEffect(() => {
    reload();
    socket.on('roster.changed', reload);
    socket.on('connect', reload);
    return () => {
      socket.off('roster.changed', reload);
      socket.off('connect', reload);
    };
  }, [socket, reload]);
  return { roster, reload };
}
