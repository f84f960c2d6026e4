import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventView, PlanView } from '../../../../shared/contract/staffing';
import { ErrorNote, TextField } from '../../components/Field';
import { formatTime } from '../../components/format';
import { call, type DeskSocket } from '../../desk/client';
import { fitCurve, formOf, inputOf, newEventForm, startsOf, type EventForm } from './event-form';
import { PlanChart } from './PlanChart';

/** Events of the room, one event's form with its expected curve, and its plan as a chart. */
export function EventPlanner(props: { socket: DeskSocket; canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const { socket } = props;
  const [events, setEvents] = useState<EventView[]>([]);
  const [form, setForm] = useState<EventForm>(() => newEventForm());
  const [plan, setPlan] = useState<PlanView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(
    () =>
      void call(socket, 'staffing.events', {}).then((r) => {
        if (r.ok) setEvents(r.events);
      }),
    [socket],
  );
  useEffect(() => {
    load();
    socket.on('event.changed', load);
    return () => void socket.off('event.changed', load);
  }, [socket, load]);

  const showPlan = async (eventId: string) => {
    const r = await call(socket, 'staffing.plan', { eventId });
    setPlan(r.ok ? r.plan : null);
    if (!r.ok) setError(r.message);
  };
  const pick = (e: EventView) => {
    setForm(formOf(e));
    setError(null);
    void showPlan(e.id);
  };
  const save = async () => {
    setBusy(true);
    setError(null);
    const r = await call(socket, 'staffing.saveEvent', inputOf(form));
    setBusy(false);
    if (!r.ok) return setError(r.message);
    setForm(formOf(r.event));
    await showPlan(r.event.id);
  };
  const set = <K extends keyof EventForm>(k: K, v: EventForm[K]) =>
    setForm((f) => {
      const next = { ...f, [k]: v };
      return { ...next, curve: fitCurve(next.curve, startsOf(next).length) };
    });
  const num =
    (k: 'targetPercent' | 'withinMinutes' | 'ahtSeconds' | 'concurrency' | 'shrinkagePercent') =>
    (v: string) =>
      set(k, Number(v));
  const starts = startsOf(form);

  return (
    <div className="planner">
      <aside>
        <button type="button" onClick={() => (setForm(newEventForm()), setPlan(null))}>
          {t('staffing.planner.new')}
        </button>
        <ul className="planner-events">
          {events.map((e) => (
            <li key={e.id}>
              <button type="button" className="ghost" onClick={() => pick(e)}>
                {e.name} · {formatTime(e.start, i18n.language)}
                {e.cancelled && <span className="muted"> · {t('staffing.planner.cancelled')}</span>}
              </button>
            </li>
          ))}
        </ul>
      </aside>
      <form
        className="planner-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <fieldset disabled={!props.canEdit || busy}>
          <TextField
            label={t('staffing.planner.name')}
            value={form.name}
            onValue={(v) => set('name', v)}
            required
          />
          <div className="planner-row">
            <TextField
              label={t('staffing.planner.start')}
              type="datetime-local"
              value={form.start}
              onValue={(v) => set('start', v)}
            />
            <TextField
              label={t('staffing.planner.end')}
              type="datetime-local"
              value={form.end}
              onValue={(v) => set('end', v)}
            />
          </div>
          <div className="planner-row">
            <TextField
              label={t('staffing.planner.brands')}
              value={form.brands}
              onValue={(v) => set('brands', v)}
            />
            <TextField
              label={t('staffing.planner.topics')}
              value={form.topics}
              onValue={(v) => set('topics', v)}
            />
          </div>
          <div className="planner-row">
            <TextField
              label={t('staffing.planner.target')}
              type="number"
              min={1}
              max={99}
              value={form.targetPercent}
              onValue={num('targetPercent')}
            />
            <TextField
              label={t('staffing.planner.within')}
              type="number"
              min={0}
              value={form.withinMinutes}
              onValue={num('withinMinutes')}
            />
            <TextField
              label={t('staffing.planner.aht')}
              type="number"
              min={1}
              value={form.ahtSeconds}
              onValue={num('ahtSeconds')}
            />
            <TextField
              label={t('staffing.planner.concurrency')}
              type="number"
              min={1}
              max={50}
              step={0.5}
              value={form.concurrency}
              onValue={num('concurrency')}
            />
            <TextField
              label={t('staffing.planner.shrinkage')}
              type="number"
              min={0}
              max={95}
              value={form.shrinkagePercent}
              onValue={num('shrinkagePercent')}
            />
          </div>
          <table className="planner-curve">
            <thead>
              <tr>
                <th>{t('staffing.planner.interval')}</th>
                <th>{t('staffing.planner.expected')}</th>
              </tr>
            </thead>
            <tbody>
              {starts.map((s, i) => (
                <tr key={s}>
                  <td>{formatTime(s, i18n.language)}</td>
                  <td>
                    <input
                      type="number"
                      min={0}
                      aria-label={t('staffing.planner.expectedAt', {
                        time: formatTime(s, i18n.language),
                      })}
                      value={form.curve[i] ?? 0}
                      onChange={(e) => {
                        const curve = [...form.curve];
                        curve[i] = Number(e.target.value);
                        setForm({ ...form, curve });
                      }}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="planner-row">
            <button type="submit">{t('staffing.planner.save')}</button>
            {form.eventId && (
              <button
                type="button"
                onClick={() =>
                  void call(socket, 'staffing.cancelEvent', {
                    eventId: form.eventId as string,
                  }).then((r) => (r.ok ? setForm(formOf(r.event)) : setError(r.message)))
                }
              >
                {t('staffing.planner.cancel')}
              </button>
            )}
          </div>
        </fieldset>
        <ErrorNote error={error} />
        {plan && <PlanChart plan={plan} />}
      </form>
    </div>
  );
}
