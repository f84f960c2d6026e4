import { useTranslation } from 'react-i18next';
import type { RoomInfo } from '../../../../shared/contract/room';
import type { DeskSocket } from '../../desk/client';
import { goToRoom, useDeskRooms } from './use-desk-rooms';

/**
 * The room's name in the header; on a desk holding several rooms, a menu to go to another one.
 * Each room is its own station, so going there opens its own login.
 */
export function RoomSwitcher(props: { socket: DeskSocket; room: RoomInfo }) {
  const { t } = useTranslation();
  const { rooms } = useDeskRooms(props.socket);
  const others = (rooms ?? []).filter((r) => r.state === 'active' && !r.here);
  if (others.length === 0) return <strong className="room">{props.room.warRoom}</strong>;
  return (
    <label className="room-switch">
      <span className="sr-only">{t('rooms.switch')}</span>
      <select
        className="room"
        value=""
        data-testid="room-switch"
        onChange={(e) => e.target.value && void goToRoom(props.socket, e.target.value)}
      >
        <option value="">{props.room.warRoom}</option>
        {others.map((r) => (
          <option key={r.key} value={r.key}>
            {r.name ?? t('rooms.unnamed')}
            {r.mode && r.mode !== 'live' ? ` · ${t(`rooms.mode.${r.mode}`)}` : ''}
            {r.closed ? ` · ${t('rooms.closedShort')}` : ''}
          </option>
        ))}
      </select>
    </label>
  );
}
