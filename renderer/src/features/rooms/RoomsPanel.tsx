import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { RoomClosed, RoomInfo } from '../../../../shared/contract/room';
import type { DeskRoomView } from '../../../../shared/contract/rooms';
import { ErrorNote } from '../../components/Field';
import { formatTime } from '../../components/format';
import { call, type DeskSocket } from '../../desk/client';
import { goToRoom, useDeskRooms } from './use-desk-rooms';

/**
 * Settings → Rooms: close this room (read-only) or reopen it, archive a closed room to a file,
 * and the desk's other rooms — go to one, add one, open an archive to read.
 */
export function RoomsPanel(props: {
  socket: DeskSocket;
  room: RoomInfo;
  closed: RoomClosed | null;
}) {
  const { t, i18n } = useTranslation();
  const { socket } = props;
  const isAdmin = props.room.me.role === 'admin';
  const { rooms, refresh } = useDeskRooms(socket);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const act = async (fn: () => Promise<string | null>) => {
    setBusy(true);
    setError(await fn());
    setBusy(false);
    await refresh();
  };
  const close = (e: FormEvent) => {
    e.preventDefault();
    void act(async () => {
      const r = await call(socket, 'room.close', reason.trim() ? { reason: reason.trim() } : {});
      return r.ok ? null : r.message;
    });
  };
  const reopen = () =>
    void act(async () => {
      const r = await call(socket, 'room.reopen', {});
      return r.ok ? null : r.message;
    });
  const archive = () => {
    if (!window.confirm(t('rooms.archiveConfirm', { room: props.room.warRoom }))) return;
    void act(async () => {
      const r = await call(socket, 'rooms.archive', {});
      if (!r.ok) return r.message;
      setNotice(t('rooms.archived', { file: r.file }));
      if (r.next) window.setTimeout(() => window.location.assign(r.next as string), 1500);
      return null;
    });
  };
  const create = () =>
    void act(async () => {
      const r = await call(socket, 'rooms.create', {});
      if (!r.ok) return r.message;
      return goToRoom(socket, r.room.key);
    });
  const openArchive = (key: string) =>
    void act(async () => {
      const r = await call(socket, 'rooms.openArchive', { key });
      if (!r.ok) return r.message;
      window.location.assign(r.url);
      return null;
    });

  const c = props.closed;
  return (
    <div className="rooms-panel">
      <ErrorNote error={error} />
      {notice && <p role="status">{notice}</p>}
      <section aria-labelledby="this-room">
        <h3 id="this-room">{props.room.warRoom}</h3>
        <p data-testid="room-state">
          {c
            ? t('rooms.closedBy', { by: c.byName, at: formatTime(c.at, i18n.language) })
            : t('rooms.open')}
          {c?.reason && <> — {c.reason}</>}
        </p>
        {isAdmin && !c && (
          <form onSubmit={close} className="inline-form">
            <label>
              {t('rooms.reason')}
              <input value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
            </label>
            <button type="submit" disabled={busy} data-testid="room-close">
              {t('rooms.close')}
            </button>
          </form>
        )}
        {isAdmin && c && (
          <p>
            <button type="button" onClick={reopen} disabled={busy} data-testid="room-reopen">
              {t('rooms.reopen')}
            </button>{' '}
            {rooms && (
              <button type="button" onClick={archive} disabled={busy} data-testid="room-archive">
                {t('rooms.archive')}
              </button>
            )}
          </p>
        )}
        {!isAdmin && <p className="muted">{t('rooms.adminOnly')}</p>}
      </section>
      {rooms && (
        <section aria-labelledby="desk-rooms">
          <h3 id="desk-rooms">{t('rooms.onThisDesk')}</h3>
          <table className="rooms-table" data-testid="desk-rooms">
            <thead>
              <tr>
                <th>{t('rooms.name')}</th>
                <th>{t('rooms.kind')}</th>
                <th>{t('rooms.state')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rooms.map((r) => (
                <tr key={r.key}>
                  <td>{r.name ?? t('rooms.unnamed')}</td>
                  <td>{r.mode ? t(`rooms.mode.${r.mode}`) : '—'}</td>
                  <td>{stateOf(r, t, i18n.language)}</td>
                  <td>
                    {r.here ? (
                      <span className="muted">{t('rooms.here')}</span>
                    ) : r.state === 'active' ? (
                      <button type="button" onClick={() => void goToRoom(socket, r.key)}>
                        {t('rooms.go')}
                      </button>
                    ) : (
                      <button type="button" disabled={busy} onClick={() => openArchive(r.key)}>
                        {t('rooms.openArchive')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            <button type="button" onClick={create} disabled={busy} data-testid="room-create">
              {t('rooms.create')}
            </button>
          </p>
        </section>
      )}
    </div>
  );
}

function stateOf(r: DeskRoomView, t: TFunction, lang: string): string {
  if (r.state === 'archived' && r.archive)
    return t('rooms.archivedState', { at: formatTime(r.archive.at, lang), by: r.archive.by });
  if (r.fromArchive) return t('rooms.fromArchive');
  return r.closed ? t('rooms.closedShort') : t('rooms.openShort');
}
