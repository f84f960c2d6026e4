import { useCallback, useEffect, useState } from 'react';
import type { WaveView } from '../../../../shared/contract/waves';
import { call, type DeskSocket } from '../../desk/client';

/**
 * The open mentions asking the same as one mention (wave.find), asked again when `version`
 * changes (the mention's status, a send) or by `reload`. Null until the first answer.
 */
export function useWave(
  socket: DeskSocket,
  mentionId: string,
  version: string,
): { wave: WaveView | null; reload: () => void } {
  const [wave, setWave] = useState<WaveView | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    void call(socket, 'wave.find', { mentionId }).then((r) => {
      if (live && r.ok) setWave(r.wave);
    });
    return () => {
      live = false;
    };
  }, [socket, mentionId, version, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { wave: wave?.mentionId === mentionId ? wave : null, reload };
}
