import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlanView, StaffingStatus } from '../../../../shared/contract/staffing';
import { formatTime } from '../../components/format';
import { call, type DeskSocket } from '../../desk/client';

const INTERVAL_MS = 30 * 60_000;

/** The running event's plan: staff needed per interval, against who is present now. */
export function EventNeeds(props: { socket: DeskSocket; status: StaffingStatus }) {
  const { t, i18n } = useTranslation();
  const eventId = props.status.activeEvent?.id ?? null;
  const [plan, setPlan] = useState<PlanView | null>(null);
  useEffect(() => {
    if (!eventId) return;
    let live = true;
    void call(props.socket, 'staffing.plan', { eventId }).then((r) => {
      if (live) setPlan(r.ok ? r.plan : null);
    });
    return () => {
      live = false;
    };
  }, [props.socket, eventId]);
  if (!eventId || !plan) return null;
  // The interval of the latest measurement is the current one (present is as measured then).
  const now = Date.parse(props.status.measuredAt ?? '');
  return (
    <table className="staffing-needs" data-testid="staffing-needs">
      <thead>
        <tr>
          <th>{t('staffing.planner.interval')}</th>
          <th>{t('staffing.plan.mentions')}</th>
          <th>{t('staffing.plan.staff')}</th>
          <th>{t('staffing.present')}</th>
        </tr>
      </thead>
      <tbody>
        {plan.intervals.map((iv) => {
          const from = Date.parse(iv.start);
          const current = now >= from && now < from + INTERVAL_MS;
          return (
            <tr key={iv.start} className={current ? 'current' : undefined}>
              <td>{formatTime(iv.start, i18n.language)}</td>
              <td>{iv.arrivals}</td>
              <td>{iv.staff}</td>
              <td>{current ? props.status.present : ''}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
