import { useTranslation } from 'react-i18next';
import type { RoomClosed } from '../../../../shared/contract/room';
import { formatTime } from '../../components/format';

/** Says, on every screen of a closed room, that it is read-only: who closed it, when and why. */
export function ClosedBanner(props: { closed: RoomClosed | null }) {
  const { t, i18n } = useTranslation();
  const c = props.closed;
  if (!c) return null;
  return (
    <p className="closed-banner" role="status" data-testid="room-closed">
      {t('rooms.closedBanner', { by: c.byName, at: formatTime(c.at, i18n.language) })}
      {c.reason && <> — {c.reason}</>}
    </p>
  );
}
