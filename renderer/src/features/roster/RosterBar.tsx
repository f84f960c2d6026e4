import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoomInfo } from '../../../../shared/contract/room';
import { can } from '../../../../shared/domain/permissions';
import type { Role } from '../../../../shared/domain/people';
import { call, type DeskSocket } from '../../desk/client';
import { CheckInCard } from './CheckInCard';
import { RosterDialog } from './RosterDialog';
import { useRoster } from './use-roster';

// Roles that work the queue and are asked to check in (admins and observers are not).
const ASKED: readonly Role[] = ['operator', 'approver', 'lead'];
const NOT_NOW_KEY = 'holdline.roster.notNow';

/** The header's shift chip and Roster button, the check-in card, and the Roster dialog. */
export function RosterBar(props: { socket: DeskSocket; room: RoomInfo }) {
  const { t } = useTranslation();
  const { socket, room } = props;
  const { roster, reload } = useRoster(socket);
  const [open, setOpen] = useState(false);
  const [cardOpen, setCardOpen] = useState(
    () => ASKED.includes(room.me.role) && sessionStorage.getItem(NOT_NOW_KEY) !== room.me.id,
  );
  const mine = roster?.onShift.find((o) => o.operatorId === room.me.id) ?? null;
  const mayCheckIn = can(room.me.role, 'roster.check-in');
  const showsRoster = room.me.role === 'admin' || room.me.role === 'lead';

  return (
    <>
      {mine && (
        <span className="chip on-shift" data-testid="shift-chip">
          {t('roster.onShift', {
            department: mine.department ? t(`department.${mine.department}`) : '',
          })}
          <button
            type="button"
            className="link"
            onClick={() => void call(socket, 'roster.checkOut', {}).then(reload)}
          >
            {t('roster.checkOut')}
          </button>
        </span>
      )}
      {!mine && roster && mayCheckIn && !cardOpen && (
        <button type="button" className="ghost" onClick={() => setCardOpen(true)}>
          {t('roster.checkIn')}
        </button>
      )}
      {showsRoster && (
        <button type="button" onClick={() => setOpen(true)}>
          {t('roster.open')}
        </button>
      )}
      {!mine && roster && mayCheckIn && cardOpen && (
        <CheckInCard
          socket={socket}
          me={room.me}
          onDone={reload}
          onNotNow={() => {
            sessionStorage.setItem(NOT_NOW_KEY, room.me.id);
            setCardOpen(false);
          }}
        />
      )}
      {open && (
        <RosterDialog socket={socket} room={room} roster={roster} onClose={() => setOpen(false)} />
      )}
    </>
  );
}
