import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoomInfo } from '../../../../shared/contract/room';
import { can } from '../../../../shared/domain/permissions';
import type { DeskSocket } from '../../desk/client';
import { BackupsDialog } from './BackupsDialog';
import './backups.css';

/** The Backups button for admins: opens this station's scheduled backups. */
export function BackupsButton(props: { socket: DeskSocket; room: RoomInfo }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (!can(props.room.me.role, 'station.manage')) return null;
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} data-testid="backups-open">
        {t('backups.open')}
      </button>
      {open && <BackupsDialog socket={props.socket} onClose={() => setOpen(false)} />}
    </>
  );
}
