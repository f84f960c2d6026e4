import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoomInfo } from '../../../../shared/contract/room';
import type { DeskSocket } from '../../desk/client';
import { StaffingBanner } from './StaffingBanner';
import { StaffingBoard } from './StaffingBoard';
import { useStaffing } from './use-staffing';
import { WallScreen } from './WallScreen';

type Open = 'board' | 'wall' | null;

/** The header's staffing button with the level chip, the banner below, and their dialogs. */
export function StaffingHeader(props: { socket: DeskSocket; room: RoomInfo; banner?: boolean }) {
  const { t } = useTranslation();
  const status = useStaffing(props.socket);
  const [open, setOpen] = useState<Open>(null);
  const level = status?.level ?? 'normal';
  return (
    <>
      {props.banner ? (
        <StaffingBanner status={status} onOpen={() => setOpen('board')} />
      ) : (
        <button type="button" onClick={() => setOpen('board')} data-testid="staffing-open">
          {t('staffing.open')}
          {level !== 'normal' && (
            <span className={`chip level ${level}`} data-testid="staffing-chip">
              {t(`staffing.level.${level}`)}
            </span>
          )}
        </button>
      )}
      {open === 'board' && (
        <StaffingBoard
          socket={props.socket}
          room={props.room}
          status={status}
          onWall={() => setOpen('wall')}
          onClose={() => setOpen(null)}
        />
      )}
      {open === 'wall' && <WallScreen status={status} onClose={() => setOpen(null)} />}
    </>
  );
}
