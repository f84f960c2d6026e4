import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoomInfo } from '../../../../shared/contract/room';
import type { StaffingStatus } from '../../../../shared/contract/staffing';
import { STAFFING_LEVELS, type StaffingLevel } from '../../../../shared/staffing/staffing-machine';
import { Dialog } from '../../components/Dialog';
import { ErrorNote, SelectField, TextField } from '../../components/Field';
import { formatTime } from '../../components/format';
import { call, type DeskSocket } from '../../desk/client';
import { EventNeeds } from './EventNeeds';
import { OnShift } from './OnShift';
import { StaffingThresholds } from './StaffingThresholds';
import { ReservesList } from './ReservesList';
import { ReserveCallSheet } from './ReserveCallSheet';

// The planner brings the chart library: loaded from the station's own bundle when first opened.
const EventPlanner = lazy(() =>
  import('./EventPlanner').then((m) => ({ default: m.EventPlanner })),
);

/** The staffing board: the level and why, needed vs present, the changes, lead controls. */
export function StaffingBoard(props: {
  socket: DeskSocket;
  room: RoomInfo;
  status: StaffingStatus | null;
  onWall: () => void;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [tab, setTab] = useState<'board' | 'planner' | 'thresholds' | 'reserves'>('board');
  const lead = props.room.me.role === 'admin' || props.room.me.role === 'lead';
  return (
    <Dialog title={t('staffing.title')} onClose={props.onClose} wide>
      <nav className="staffing-tabs">
        {(['board', 'planner', 'thresholds', 'reserves'] as const).map((k) => (
          <button
            key={k}
            type="button"
            className={tab === k ? 'chip toggle on' : 'chip toggle'}
            onClick={() => setTab(k)}
          >
            {t(`staffing.tab.${k}`)}
          </button>
        ))}
        <span className="spacer" />
        <button type="button" onClick={props.onWall} data-testid="wall-open">
          {t('staffing.wall.open')}
        </button>
      </nav>
      {tab === 'reserves' ? (
        <ReservesList socket={props.socket} status={props.status} canEdit={lead} />
      ) : tab === 'thresholds' ? (
        <StaffingThresholds socket={props.socket} status={props.status} canEdit={lead} />
      ) : tab === 'planner' ? (
        <Suspense fallback={<p className="muted">{t('staffing.loading')}</p>}>
          <EventPlanner socket={props.socket} canEdit={lead} />
        </Suspense>
      ) : (
        <Board socket={props.socket} status={props.status} lead={lead} lang={i18n.language} />
      )}
    </Dialog>
  );
}

function Board(props: {
  socket: DeskSocket;
  status: StaffingStatus | null;
  lead: boolean;
  lang: string;
}) {
  const { t } = useTranslation();
  const s = props.status;
  if (!s) return <p className="muted">{t('staffing.loading')}</p>;
  const m = s.measurements;
  return (
    <div className="staffing-board">
      <section className={`staffing-now ${s.level}`} data-testid="staffing-level">
        <h3>{t(`staffing.level.${s.level}`)}</h3>
        <p>{s.why}</p>
        <p className="muted">
          {s.since && <>{t('staffing.since', { time: formatTime(s.since, props.lang) })} · </>}
          {t(`staffing.mode.${s.mode}`)}
          {s.activeEvent && <> · {t('staffing.event', { name: s.activeEvent.name })}</>}
        </p>
      </section>
      <dl className="staffing-figures">
        <dt>{t('staffing.needed')}</dt>
        <dd data-testid="staffing-needed">{s.needed ?? '—'}</dd>
        <dt>{t('staffing.present')}</dt>
        <dd data-testid="staffing-present">{s.present}</dd>
        <dt>{t('staffing.queue')}</dt>
        <dd>{m?.queueDepth ?? '—'}</dd>
        <dt>{t('staffing.arrivals')}</dt>
        <dd>{m ? m.arrivalsPerMinute.toFixed(1) : '—'}</dd>
      </dl>
      <ReserveCallSheet socket={props.socket} status={s} lead={props.lead} />
      <EventNeeds socket={props.socket} status={s} />
      <OnShift socket={props.socket} />
      {props.lead && <LeadControls socket={props.socket} mode={s.mode} level={s.level} />}
      <h3>{t('staffing.changes')}</h3>
      {s.changes.length === 0 ? (
        <p className="muted">{t('staffing.noChanges')}</p>
      ) : (
        <ul className="staffing-changes">
          {s.changes.map((c) => (
            <li key={c.opId}>
              <span className="muted">{formatTime(c.at, props.lang)}</span>{' '}
              <span className={`chip level ${c.to}`}>{t(`staffing.level.${c.to}`)}</span> {c.why}
              {c.notifyReserves && <span className="muted"> · {t('staffing.reserves')}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function LeadControls(props: {
  socket: DeskSocket;
  mode: 'auto' | 'manual';
  level: StaffingLevel;
}) {
  const { t } = useTranslation();
  const [level, setLevel] = useState<StaffingLevel>(props.level === 'surge' ? 'surge' : 'elevated');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const act = async (f: () => ReturnType<typeof call<'staffing.auto'>>) => {
    setBusy(true);
    setError(null);
    const r = await f();
    setBusy(false);
    if (!r.ok) setError(r.message);
    else setReason('');
  };
  return (
    <form
      className="staffing-controls"
      onSubmit={(e) => {
        e.preventDefault();
        void act(() => call(props.socket, 'staffing.set', { level, reason }));
      }}
    >
      <SelectField
        label={t('staffing.setLevel')}
        value={level}
        options={STAFFING_LEVELS}
        labelOf={(l) => t(`staffing.level.${l}`)}
        onValue={setLevel}
      />
      <TextField label={t('staffing.reason')} value={reason} onValue={setReason} required />
      <button type="submit" disabled={busy || reason.trim() === ''}>
        {t('staffing.set')}
      </button>
      {props.mode === 'manual' && (
        <button
          type="button"
          disabled={busy}
          onClick={() => void act(() => call(props.socket, 'staffing.auto', {}))}
        >
          {t('staffing.auto')}
        </button>
      )}
      <ErrorNote error={error} />
    </form>
  );
}
