import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoomInfo } from '../../../../shared/contract/room';
import type { RunDetail } from '../../../../shared/contract/runs';
import type { Operator } from '../../../../shared/domain/people';
import { SEVERITIES } from '../../../../shared/playbooks/severity';
import { ErrorNote } from '../../components/Field';
import { useNow } from '../../components/use-now';
import { call, type DeskSocket, type InputOf } from '../../desk/client';

type Action = InputOf<'run.act'>['action'];

/** One run: phases, steps with owners and deadlines, gates and who they wait on, what fired. */
export function RunBoard(props: {
  socket: DeskSocket;
  room: RoomInfo;
  run: RunDetail;
  onChange: (r: RunDetail) => void;
  /** Opens the run's review (offered once it is closed). */
  onReview?: (runId: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const { run, room } = props;
  const [error, setError] = useState<string | null>(null);
  const [summary, setSummary] = useState('');
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [times, setTimes] = useState<Record<string, string>>({});
  const [people, setPeople] = useState<Operator[]>([]);
  useEffect(() => {
    void call(props.socket, 'operator.list', {}).then((r) => r.ok && setPeople(r.operators));
  }, [props.socket]);
  const nameOf = (id: string) => people.find((p) => p.id === id)?.displayName ?? id;
  const statusDue = run.context.deadlines['status-update'];
  const isLead = room.me.role === 'admin' || room.me.role === 'lead';
  const canWork = room.me.role !== 'observer';
  const closed = run.closedAt !== null;
  const now = useNow();
  const time = (ms: number) =>
    new Date(ms).toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit' });
  const phaseIndex = run.context.phaseIndex;

  async function act(action: Action, happenedAt?: string) {
    const r = await call(props.socket, 'run.act', {
      runId: run.id,
      action,
      ...(happenedAt && { occurredAt: happenedAt }),
    });
    if (r.ok) {
      setError(null);
      props.onChange(r.run);
    } else setError(r.message);
  }

  return (
    <section className="run-board" aria-label={run.playbookName} data-testid="run-board">
      <header className="run-head">
        <h3>
          {run.playbookName} · <span data-testid="run-severity">{run.severity}</span>
        </h3>
        <span className="muted" data-testid="run-state">
          {closed
            ? t('runs.closed')
            : t('runs.phase', { phase: run.playbook.phases[phaseIndex]?.name ?? run.state })}
        </span>
        {closed && props.onReview && (
          <button type="button" className="primary" onClick={() => props.onReview?.(run.id)}>
            {t('review.reviewRun')}
          </button>
        )}
        {isLead && !closed && (
          <select
            aria-label={t('runs.severity')}
            value={run.severity}
            onChange={(e) =>
              void act({
                type: 'run.severity',
                severity: e.target.value as (typeof SEVERITIES)[number],
              })
            }
          >
            {SEVERITIES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        )}
      </header>
      <div className="run-head muted">
        <span data-testid="run-commander">
          {t('runs.commander', { name: nameOf(run.context.commanderId) })}
        </span>
        {isLead && !closed && people.length > 0 && (
          <select
            aria-label={t('runs.changeCommander')}
            value={run.context.commanderId}
            onChange={(e) => void act({ type: 'run.commander', commanderId: e.target.value })}
          >
            {people
              .filter((p) => p.role === 'admin' || p.role === 'lead')
              .map((p) => (
                <option key={p.id} value={p.id}>
                  {p.displayName}
                </option>
              ))}
          </select>
        )}
        {!closed && statusDue !== undefined && (
          <span className={statusDue < now ? 'warn' : ''}>
            {t('runs.statusDue', { time: time(statusDue) })}
          </span>
        )}
        {!closed && canWork && (
          <button type="button" onClick={() => void act({ type: 'run.status-update' })}>
            {t('runs.statusSent')}
          </button>
        )}
        {run.context.commanders.length > 1 && (
          <span data-testid="run-commanders">
            {t('runs.commanders', {
              list: run.context.commanders
                .map((c) => `${nameOf(c.id)} (${time(c.since)})`)
                .join(', '),
            })}
          </span>
        )}
        {run.topics.length > 0 && (
          <span data-testid="run-topics">
            {t('runs.topicsOf', { list: run.topics.join(', ') })}
          </span>
        )}
        {run.mentionIds.length > 0 && (
          <span>{t('runs.linked', { count: run.mentionIds.length })}</span>
        )}
      </div>
      <ErrorNote error={error} />
      {run.playbook.phases.map((phase, i) => (
        <div key={phase.id} className={`run-phase ${i === phaseIndex && !closed ? 'current' : ''}`}>
          <h4>
            {phase.name}
            {i < phaseIndex || closed ? ` · ${t('runs.phaseDone')}` : ''}
          </h4>
          <ul>
            {phase.steps.map((step) => {
              const st = run.context.steps[step.id];
              const due = run.context.deadlines[`step:${step.id}`];
              const overdue = !st?.done && due !== undefined && due < now;
              const escalated = run.context.actions.some((a) => a.because === `overdue:${step.id}`);
              return (
                <li
                  key={step.id}
                  data-testid="run-step"
                  data-step={step.id}
                  className={st?.done ? 'done' : overdue ? 'overdue' : ''}
                >
                  <div className="step-title">
                    {st?.done ? '✓ ' : ''}
                    {step.title}
                    {step.optional && <span className="muted"> · {t('runs.optional')}</span>}
                  </div>
                  <div className="muted">
                    {t(`role.${st?.owner ?? step.owner}`)}
                    {step.department ? ` · ${t(`department.${step.department}`)}` : ''}
                    {due !== undefined && !st?.done && ` · ${t('runs.due', { time: time(due) })}`}
                    {overdue && <strong className="warn"> · {t('runs.overdue')}</strong>}
                    {escalated && <strong className="warn"> · {t('runs.escalated')}</strong>}
                  </div>
                  {step.gate && (
                    <div className={st?.approved ? 'ok' : 'muted'} data-testid="run-gate">
                      {st?.approved
                        ? t('runs.approvedBy', { role: t(`role.${st.approved.role}`) })
                        : t('runs.waitsFor', {
                            role: t(`role.${step.gate.approver}`),
                            what: step.gate.what,
                          })}
                    </div>
                  )}
                  {st?.done && (
                    <div className="muted">
                      {t('runs.doneBy', { name: nameOf(st.done.by), time: time(st.done.at) })}
                      {st.done.note ? ` · ${st.done.note}` : ''}
                    </div>
                  )}
                  {!closed && canWork && (
                    <div className="row">
                      {!st?.done && (
                        <>
                          <input
                            aria-label={t('runs.note')}
                            placeholder={t('runs.note')}
                            value={notes[step.id] ?? ''}
                            onChange={(e) => setNotes({ ...notes, [step.id]: e.target.value })}
                          />
                          <input
                            type="time"
                            aria-label={t('runs.happenedAt')}
                            title={t('runs.happenedAt')}
                            value={times[step.id] ?? ''}
                            onChange={(e) => setTimes({ ...times, [step.id]: e.target.value })}
                          />
                          <button
                            type="button"
                            onClick={() =>
                              void act(
                                {
                                  type: 'run.step',
                                  stepId: step.id,
                                  ...(notes[step.id]?.trim() && { note: notes[step.id]?.trim() }),
                                },
                                earlierToday(times[step.id]),
                              )
                            }
                          >
                            {t('runs.markDone')}
                          </button>
                        </>
                      )}
                      {step.gate &&
                        !st?.approved &&
                        (room.me.role === step.gate.approver || room.me.role === 'admin') && (
                          <button
                            type="button"
                            className="primary"
                            onClick={() => void act({ type: 'run.approve', stepId: step.id })}
                          >
                            {t('runs.approve')}
                          </button>
                        )}
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      ))}
      {isLead && !closed && (
        <div className="row">
          {phaseIndex < run.playbook.phases.length - 1 ? (
            <button
              type="button"
              className="primary"
              disabled={run.blockers.length > 0}
              onClick={() => void act({ type: 'run.advance' })}
            >
              {t('runs.nextPhase')}
            </button>
          ) : (
            <>
              <input
                aria-label={t('runs.summary')}
                placeholder={t('runs.summary')}
                value={summary}
                onChange={(e) => setSummary(e.target.value)}
              />
              <button
                type="button"
                className="primary"
                disabled={run.blockers.length > 0 || !summary.trim()}
                onClick={() => void act({ type: 'run.close', summary })}
              >
                {t('runs.close')}
              </button>
            </>
          )}
          {run.blockers.length > 0 && (
            <span className="muted">{t('runs.blocked', { count: run.blockers.length })}</span>
          )}
        </div>
      )}
      {run.context.actions.length > 0 && (
        <details>
          <summary>{t('runs.fired', { count: run.context.actions.length })}</summary>
          <ul className="muted" data-testid="run-actions">
            {run.context.actions.map((a, i) => (
              <li key={i}>
                {time(a.at)} · {a.because} · {a.action.do}
                {'role' in a.action ? ` → ${t(`role.${a.action.role}`)}` : ''}
                {'message' in a.action ? `: ${a.action.message}` : ''}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

/** "HH:MM" as the latest such moment not in the future (today, or yesterday), in ISO; or nothing. */
function earlierToday(hhmm: string | undefined): string | undefined {
  if (!hhmm) return undefined;
  const [h, m] = hhmm.split(':').map(Number);
  const at = new Date();
  at.setHours(h ?? 0, m ?? 0, 0, 0);
  if (at.getTime() > Date.now()) at.setDate(at.getDate() - 1);
  return at.toISOString();
}
