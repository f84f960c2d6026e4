import { useEffect, useState } from 'react';
import type { RoomClosed, RoomInfo } from '../../../../shared/contract/room';
import type { DeskSocket } from '../../desk/client';

/** Whether the room is closed (read-only), kept current as any desk closes or reopens it. */
export function useRoomClosed(socket: DeskSocket, room: RoomInfo): RoomClosed | null {
  // What the station pushed since login; until then, what it said at login.
  const [pushed, setPushed] = useState<{ closed: RoomClosed | null } | null>(null);
  useEffect(() => {
    const onChanged = (r: { closed: RoomClosed | null }) => setPushed({ closed: r.closed });
    socket.on('room.changed', onChanged);
    return () => {
      socket.off('room.changed', onChanged);
    };
  }, [socket]);
  return pushed ? pushed.closed : room.closed;
}
