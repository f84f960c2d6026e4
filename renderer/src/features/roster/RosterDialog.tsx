import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RosterView } from '../../../../shared/contract/roster';
import type { RoomInfo } from '../../../../shared/contract/room';
import { can } from '../../../../shared/domain/permissions';
import { Dialog } from '../../components/Dialog';
import { ErrorNote } from '../../components/Field';
import { call, type DeskSocket } from '../../desk/client';
import { PlanShiftForm } from './PlanShiftForm';
import { SurgeForm } from './SurgeForm';

/** Who is on shift in which department, since when, with load; planned shifts; surge accounts. */
export function RosterDialog(props: {
  socket: DeskSocket;
  room: RoomInfo;
  roster: RosterView | null;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const { roster, socket } = props;
  const isLead = can(props.room.me.role, 'roster.manage');
  const time = (iso: string | null) =>
    iso ? new Date(iso).toLocaleTimeString(i18n.language, { timeStyle: 'short' }) : '—';

  async function checkOut(operatorId: string) {
    const r = await call(socket, 'roster.checkOut', { operatorId });
    setError(r.ok ? null : r.message);
  }

  return (
    <Dialog title={t('roster.title')} onClose={props.onClose} wide>
      <ErrorNote error={error} />
      <table className="roster" data-testid="roster-table">
        <thead>
          <tr>
            <th>{t('people.name')}</th>
            <th>{t('roster.department')}</th>
            <th>{t('roster.since')}</th>
            <th>{t('roster.load')}</th>
            <th>{t('roster.skills')}</th>
            {isLead && <th />}
          </tr>
        </thead>
        <tbody>
          {roster?.onShift.length === 0 && (
            <tr>
              <td colSpan={6} className="muted">
                {t('roster.nobody')}
              </td>
            </tr>
          )}
          {roster?.onShift.map((o) => (
            <tr key={o.operatorId}>
              <td>{o.displayName}</td>
              <td>{o.department ? t(`department.${o.department}`) : '—'}</td>
              <td>{time(o.since)}</td>
              <td>
                {o.load}/{o.capacity}
              </td>
              <td>{o.skills.join(', ')}</td>
              {isLead && (
                <td>
                  <button type="button" onClick={() => void checkOut(o.operatorId)}>
                    {t('roster.checkOut')}
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('roster.planned')}</h3>
      {roster?.shifts.length ? (
        <ul className="shifts">
          {roster.shifts.map((s) => (
            <li key={s.id}>
              {time(s.start)}–{time(s.end)} · {s.displayName} · {t(`department.${s.department}`)}
              {s.note ? ` · ${s.note}` : ''}
              {isLead && (
                <button
                  type="button"
                  className="link"
                  onClick={() =>
                    void call(socket, 'roster.cancelShift', { shiftId: s.id }).then((r) =>
                      setError(r.ok ? null : r.message),
                    )
                  }
                >
                  {t('roster.cancelShift')}
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('roster.noShifts')}</p>
      )}
      {isLead && <PlanShiftForm socket={socket} />}
      {props.room.me.role === 'admin' && <SurgeForm socket={socket} />}
    </Dialog>
  );
}
