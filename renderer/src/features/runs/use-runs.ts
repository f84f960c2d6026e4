import { useEffect, useState } from 'react';
import type { RunSummary } from '../../../../shared/contract/runs';
import { call, type DeskSocket } from '../../desk/client';

/** Every run of the room, kept current by `run.changed` (open runs first, newest first). */
export function useRuns(socket: DeskSocket): RunSummary[] {
  const [runs, setRuns] = useState<RunSummary[]>([]);
  useEffect(() => {
    let live = true;
    const load = () =>
      void call(socket, 'run.list', {}).then((r) => {
        if (live && r.ok) setRuns(r.runs);
      });
    const onChanged = (changed: RunSummary[]) =>
      setRuns((old) => {
        const byId = new Map(old.map((r) => [r.id, r]));
        for (const r of changed) byId.set(r.id, r);
        return [...byId.values()].sort(
          (a, b) =>
            Number(a.closedAt !== null) - Number(b.closedAt !== null) ||
            b.startedAt.localeCompare(a.startedAt),
        );
      });
    load();
    socket.on('run.changed', onChanged);
    socket.on('connect', load);
    return () => {
      live = false;
      socket.off('run.changed', onChanged);
      socket.off('connect', load);
    };
  }, [socket]);
  return runs;
}
