import { useEffect, useState } from 'react';
import type { StaffingStatus } from '../../../../shared/contract/staffing';
import { call, type DeskSocket } from '../../desk/client';

/** The room's staffing level and measurements, kept current by `staffing.changed`. */
export function useStaffing(socket: DeskSocket): StaffingStatus | null {
  const [status, setStatus] = useState<StaffingStatus | null>(null);
  useEffect(() => {
    let live = true;
    const load = () =>
      void call(socket, 'staffing.status', {}).then((r) => {
        if (live && r.ok) setStatus(r.status);
      });
    const onChanged = (s: StaffingStatus) => setStatus(s);
    load();
    socket.on('staffing.changed', onChanged);
    socket.on('connect', load);
    return () => {
      live = false;
      socket.off('staffing.changed', onChanged);
      socket.off('connect', load);
    };
  }, [socket]);
  return status;
}

/** True for the levels that put a banner on every desk. */
export const isRaised = (s: StaffingStatus | null) =>
  s !== null && (s.level === 'elevated' || s.level === 'surge');
