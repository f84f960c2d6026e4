import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoomInfo } from '../../../../shared/contract/room';
import { can } from '../../../../shared/domain/permissions';
import type { DeskSocket } from '../../desk/client';
import { ConnectorsDialog } from './ConnectorsDialog';
import { useConnectors } from './use-connectors';
import './connectors.css';

/**
 * The Connectors button for admins and leads, marked when a connector is in trouble; opens the
 * connectors dialog (health for both, changes for admins).
 */
export function ConnectorsButton(props: { socket: DeskSocket; room: RoomInfo }) {
  const { t } = useTranslation();
  const allowed = can(props.room.me.role, 'mention.import');
  const [open, setOpen] = useState(false);
  const { view, setView, error } = useConnectors(props.socket, allowed);
  if (!allowed) return null;
  const troubled = (view?.connectors ?? []).filter(
    (c) => c.health.state === 'error' || c.health.state === 'backing-off',
  ).length;
  const problems = troubled + (view?.problems.length ? 1 : 0);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} data-testid="connectors-open">
        {t('connectors.open')}
        {problems > 0 && (
          <span
            className="connector-alert"
            aria-label={t('connectors.troubled', { count: problems })}
          >
            {' '}
            ●
          </span>
        )}
      </button>
      {open && (
        <ConnectorsDialog
          socket={props.socket}
          isAdmin={props.room.me.role === 'admin'}
          view={view}
          loadError={error}
          onView={setView}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}
