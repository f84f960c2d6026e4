import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoomInfo } from '../../../../shared/contract/room';
import type { DeskSocket } from '../../desk/client';
import { DrillDialog } from './DrillDialog';
import { useDrill } from './use-drill';

/**
 * In a drill room, on every desk: a DRILL mark nobody can miss (this is a rehearsal), how far the
 * replay is, and for leads the drill's controls.
 */
export function DrillBar(props: { socket: DeskSocket; room: RoomInfo; token: string }) {
  const { t, i18n } = useTranslation();
  const [drill, setDrill] = useDrill(props.socket);
  const [open, setOpen] = useState(false);
  const canRun = props.room.me.role === 'admin' || props.room.me.role === 'lead';
  const clock = drill
    ? new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(
        new Date(drill.fileNow),
      )
    : null;
  return (
    <>
      <span
        className="chip drill"
        data-testid="drill-badge"
        title={[t('drill.badgeHint'), clock].filter(Boolean).join('\n')}
      >
        {t(props.room.mode === 'training' ? 'drill.trainingBadge' : 'drill.badge')}
        {drill && (
          <span data-testid="drill-progress">
            {' · '}
            {t(`drill.state.${drill.state}`)} {drill.replayed}/{drill.total}
          </span>
        )}
      </span>
      {canRun && (
        <button type="button" onClick={() => setOpen(true)}>
          {t('drill.open')}
        </button>
      )}
      {open && (
        <DrillDialog
          socket={props.socket}
          token={props.token}
          drill={drill}
          onDrill={setDrill}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}
