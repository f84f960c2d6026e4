import { useCallback, useEffect, useState } from 'react';
import type { DeskRoomView } from '../../../../shared/contract/rooms';
import { call, type DeskSocket } from '../../desk/client';

/**
 * The war rooms of this desk (null where the station runs one room, or for a browser elsewhere on
 * the LAN), and a way to read them again.
 */
export function useDeskRooms(socket: DeskSocket): {
  rooms: DeskRoomView[] | null;
  refresh: () => Promise<void>;
} {
  const [rooms, setRooms] = useState<DeskRoomView[] | null>(null);
  const refresh = useCallback(async () => {
    const r = await call(socket, 'rooms.list', {});
    setRooms(r.ok ? r.rooms : null);
  }, [socket]);
  useEffect(() => {
    let live = true;
    void call(socket, 'rooms.list', {}).then((r) => {
      if (live) setRooms(r.ok ? r.rooms : null);
    });
    return () => {
      live = false;
    };
  }, [socket]);
  return { rooms, refresh };
}

/** Goes to another room of the desk (its own station, so its own address and login). */
export async function goToRoom(socket: DeskSocket, key: string): Promise<string | null> {
  const r = await call(socket, 'rooms.use', { key });
  if (!r.ok) return r.message;
  window.location.assign(r.url);
  return null;
}
