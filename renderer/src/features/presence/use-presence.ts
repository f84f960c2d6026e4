import { useEffect, useState } from 'react';
import type { PresenceEntry } from '../../../../shared/contract/presence';
import { call, type DeskSocket } from '../../desk/client';

/**
 * Tells the station which mention this desk has open, and returns who else (at any desk of the
 * room) is on a mention right now.
 */
export function usePresence(socket: DeskSocket, openMentionId: string | null): PresenceEntry[] {
  const [entries, setEntries] = useState<PresenceEntry[]>([]);
  useEffect(() => {
    socket.on('presence.changed', setEntries);
    return () => {
      socket.off('presence.changed', setEntries);
    };
  }, [socket]);
  useEffect(() => {
    const announce = () =>
      void call(socket, 'presence.set', { mentionId: openMentionId, mode: 'viewing' });
    announce();
    // After a reconnect the station has forgotten this desk: say it again.
    socket.on('connect', announce);
    return () => {
      socket.off('connect', announce);
    };
  }, [socket, openMentionId]);
  return entries;
}
