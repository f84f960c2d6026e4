import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffingStatus } from '../../../../shared/contract/staffing';
import { RESERVE_OUTCOMES, type ReserveOutcome } from '../../../../shared/staffing/reserves';
import { ErrorNote } from '../../components/Field';
import { call, type DeskSocket } from '../../desk/client';

/**
 * The call sheet while the room calls its reserves in: each reserve with how to reach them and
 * what the call came to; leads mark it, and every desk sees who is coming.
 */
export function ReserveCallSheet(props: {
  socket: DeskSocket;
  status: StaffingStatus;
  lead: boolean;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const callIn = props.status.reserveCall;
  if (!callIn) return null;
  const outcomeOf = new Map(callIn.calls.map((c) => [c.reserveId, c]));
  const mark = async (reserveId: string, outcome: ReserveOutcome) => {
    const r = await call(props.socket, 'staffing.answerReserve', {
      changeOp: callIn.changeOp,
      reserveId,
      outcome,
    });
    setError(r.ok ? null : r.message);
  };
  return (
    <section className="reserve-call" data-testid="reserve-call">
      <h3>{t('staffing.reserveCall.title', { level: t(`staffing.level.${callIn.to}`) })}</h3>
      {props.status.reserves.length === 0 ? (
        <p className="muted">{t('staffing.reserveCall.none')}</p>
      ) : (
        <ul>
          {props.status.reserves.map((r) => {
            const done = outcomeOf.get(r.id);
            return (
              <li key={r.id} data-testid="reserve">
                <strong>{r.name}</strong>
                {r.department && (
                  <span className="muted"> · {t(`department.${r.department}`)}</span>
                )}
                {r.phone && (
                  <>
                    {' · '}
                    <a href={`tel:${r.phone.replace(/[^+\d]/g, '')}`}>{r.phone}</a>
                  </>
                )}
                {r.email && (
                  <>
                    {' · '}
                    <a href={`mailto:${r.email}`}>{r.email}</a>
                  </>
                )}
                {done && (
                  <span className={`chip outcome ${done.outcome}`} data-testid="reserve-outcome">
                    {t(`staffing.reserveCall.outcome.${done.outcome}`)} · {done.by}
                  </span>
                )}
                {props.lead &&
                  RESERVE_OUTCOMES.map((o) => (
                    <button
                      key={o}
                      type="button"
                      className="ghost"
                      onClick={() => void mark(r.id, o)}
                    >
                      {t(`staffing.reserveCall.outcome.${o}`)}
                    </button>
                  ))}
              </li>
            );
          })}
        </ul>
      )}
      <ErrorNote error={error} />
    </section>
  );
}
