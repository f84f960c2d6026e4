import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoomClosed, RoomInfo } from '../../../../shared/contract/room';
import { can } from '../../../../shared/domain/permissions';
import { Dialog } from '../../components/Dialog';
import type { DeskSocket } from '../../desk/client';
import { BackupsPanel } from '../backups/BackupsPanel';
import { RoomsPanel } from '../rooms/RoomsPanel';
import { ErasureSettings } from '../privacy/ErasureSettings';
import { RetentionSettings } from '../privacy/RetentionSettings';
import { DevicesSettings } from '../devices/DevicesSettings';
import { SessionsSettings } from '../devices/SessionsSettings';
import './settings.css';

type Tab = { id: string; label: string; panel: () => ReactNode };

/**
 * Settings: the room (close, archive, the desk's rooms); for admins the room's devices (stations:
 * revoke, key rotations) and accounts' sessions (revoke); for admins and leads erasure requests
 * and retention; for admins this station's backups — each change shown with who made it and when.
 */
export function SettingsDialog(props: {
  socket: DeskSocket;
  room: RoomInfo;
  closed: RoomClosed | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { socket, room } = props;
  const isAdmin = room.me.role === 'admin';
  const tabs: Tab[] = [
    {
      id: 'rooms',
      label: t('deskSettings.rooms'),
      panel: () => <RoomsPanel socket={socket} room={room} closed={props.closed} />,
    },
    ...(isAdmin
      ? [
          {
            id: 'devices',
            label: t('deskSettings.devices'),
            panel: () => <DevicesSettings socket={socket} />,
          },
          {
            id: 'sessions',
            label: t('deskSettings.sessions'),
            panel: () => <SessionsSettings socket={socket} meId={room.me.id} />,
          },
        ]
      : []),
    ...(isAdmin || room.me.role === 'lead'
      ? [
          {
            id: 'privacy',
            label: t('deskSettings.privacy'),
            panel: () => (
              <>
                <ErasureSettings socket={socket} canErase={isAdmin} />
                <RetentionSettings socket={socket} canManage={isAdmin} />
              </>
            ),
          },
        ]
      : []),
    ...(can(room.me.role, 'station.manage')
      ? [
          {
            id: 'backups',
            label: t('deskSettings.backups'),
            panel: () => <BackupsPanel socket={socket} />,
          },
        ]
      : []),
  ];
  const [open, setOpen] = useState(tabs[0]?.id ?? 'rooms');
  const current = tabs.find((x) => x.id === open) ?? tabs[0];
  return (
    <Dialog title={t('deskSettings.title')} onClose={props.onClose} wide>
      <div role="tablist" className="settings-tabs" aria-label={t('deskSettings.title')}>
        {tabs.map((x) => (
          <button
            key={x.id}
            type="button"
            role="tab"
            id={`settings-tab-${x.id}`}
            aria-selected={x.id === current?.id}
            aria-controls={`settings-panel-${x.id}`}
            onClick={() => setOpen(x.id)}
          >
            {x.label}
          </button>
        ))}
      </div>
      {current && (
        <section
          role="tabpanel"
          id={`settings-panel-${current.id}`}
          aria-labelledby={`settings-tab-${current.id}`}
        >
          {current.panel()}
        </section>
      )}
    </Dialog>
  );
}
