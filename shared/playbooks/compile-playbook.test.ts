import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { compilePlaybook } from './compile-playbook';
import { parsePlaybook } from './parse-playbook';
import { SMALL_PLAYBOOK } from './playbook-fixture';
import type { RunEvent } from './run-types';
import { blockers } from './run-logic';

const parsed = parsePlaybook(SMALL_PLAYBOOK, 'small.yaml');
if (!parsed.ok) throw new Error('fixture does not parse');
const pb = parsed.playbook;
const T0 = Date.UTC(2026, 1, 8, 20, 0);
const MIN = 60_000;
const lead = { id: 'op-lea', role: 'lead' } as const;
const ana = { id: 'op-ana', role: 'operator' } as const;
const gil = { id: 'op-gil', role: 'approver' } as const;

function start(events: RunEvent[] = []) {
  const actor = createActor(compilePlaybook(pb), {
    input: { runId: 'run-1', startedAt: T0, startedBy: lead, commanderId: lead.id },
  }).start();
  for (const e of events) actor.send(e);
  return actor;
}

describe('a compiled playbook run', () => {
  it('starts in the first phase with its deadlines as data and its entry actions recorded', () => {
    const s = start().getSnapshot();
    expect(s.value).toBe('assess');
    expect(s.context.deadlines).toEqual({
      'status-update': T0 + 4 * 60 * MIN,
      'step:confirm-scope': T0 + 30 * MIN,
      'step:holding-statement': T0 + 60 * MIN,
    });
    expect(s.context.actions.map((a) => a.action.do)).toEqual(['notify']);
  });

  it('acts on an overdue step only after its escalation grace', () => {
    const withGrace = parsePlaybook(
      SMALL_PLAYBOOK.replace(
        'escalation:\n          actions:',
        'escalation:\n          grace: 10m\n          actions:',
      ),
      'grace.yaml',
    );
    if (!withGrace.ok) throw new Error('variant does not parse');
    const run = createActor(compilePlaybook(withGrace.playbook), {
      input: { runId: 'run-2', startedAt: T0, startedBy: lead, commanderId: lead.id },
    }).start();
    expect(run.getSnapshot().context.deadlines['step:confirm-scope']).toBe(T0 + 40 * MIN);
  });

  it('holds a gated phase until someone with the gate’s role approves; others cannot', () => {
    const run = start([
      { type: 'STEP.COMPLETE', at: T0 + MIN, actor: lead, stepId: 'confirm-scope' },
      { type: 'STEP.COMPLETE', at: T0 + 2 * MIN, actor: ana, stepId: 'holding-statement' },
      { type: 'GATE.APPROVE', at: T0 + 3 * MIN, actor: ana, stepId: 'holding-statement' },
      { type: 'GATE.APPROVE', at: T0 + 3 * MIN, actor: lead, stepId: 'holding-statement' },
      { type: 'PHASE.ADVANCE', at: T0 + 4 * MIN, actor: lead },
    ]);
    expect(run.getSnapshot().value).toBe('assess');
    expect(blockers(pb, run.getSnapshot().context)).toEqual([
      { stepId: 'holding-statement', waitsFor: 'approver' },
    ]);
    run.send({ type: 'GATE.APPROVE', at: T0 + 5 * MIN, actor: gil, stepId: 'holding-statement' });
    run.send({ type: 'PHASE.ADVANCE', at: T0 + 6 * MIN, actor: ana });
    expect(run.getSnapshot().value).toBe('assess'); // an operator does not move the run on
    run.send({ type: 'PHASE.ADVANCE', at: T0 + 6 * MIN, actor: lead });
    const s = run.getSnapshot();
    expect(s.value).toBe('review');
    expect(s.context.steps['holding-statement']?.approved).toMatchObject({
      by: 'op-gil',
      role: 'approver',
    });
    expect(s.context.deadlines['step:write-review']).toBe(T0 + 6 * MIN + 2 * 24 * 60 * MIN);
  });

  it('escalates an overdue step exactly once, however often its timer fires', () => {
    const due = T0 + 30 * MIN;
    const fired: RunEvent = {
      type: 'TIMER.FIRED',
      at: due + 5,
      key: 'step:confirm-scope',
      dueAt: due,
    };
    const s = start([fired, { ...fired, at: due + 900 }, fired]).getSnapshot();
    expect(s.context.severity).toBe('SEV2');
    expect(s.context.steps['confirm-scope']?.owner).toBe('admin');
    expect(
      s.context.actions
        .filter((a) => a.because === 'overdue:confirm-scope')
        .map((a) => a.action.do),
    ).toEqual(['raise-severity', 'reassign']);
  });

  it('does not escalate a step done in time, nor on a deadline that no longer stands', () => {
    const due = T0 + 30 * MIN;
    const s = start([
      { type: 'TIMER.FIRED', at: due, key: 'step:confirm-scope', dueAt: due - 1 },
      { type: 'STEP.COMPLETE', at: due - 1, actor: lead, stepId: 'confirm-scope' },
      { type: 'TIMER.FIRED', at: due, key: 'step:confirm-scope', dueAt: due },
    ]).getSnapshot();
    expect(s.context.severity).toBe('SEV3');
    expect(s.context.actions.some((a) => a.because.startsWith('overdue'))).toBe(false);
  });

  it('closes only from the last phase, with its required steps done, by a lead', () => {
    const run = start([
      { type: 'STEP.COMPLETE', at: T0 + 1, actor: lead, stepId: 'confirm-scope' },
      { type: 'STEP.COMPLETE', at: T0 + 2, actor: ana, stepId: 'holding-statement' },
      { type: 'GATE.APPROVE', at: T0 + 3, actor: gil, stepId: 'holding-statement' },
      { type: 'RUN.CLOSE', at: T0 + 4, actor: lead, summary: 'too early' },
      { type: 'PHASE.ADVANCE', at: T0 + 5, actor: lead },
      { type: 'RUN.CLOSE', at: T0 + 6, actor: lead, summary: 'review not written' },
      { type: 'STEP.COMPLETE', at: T0 + 7, actor: lead, stepId: 'write-review' },
      { type: 'RUN.CLOSE', at: T0 + 8, actor: lead, summary: 'Recall handled; 3 lessons' },
    ]);
    const s = run.getSnapshot();
    expect(s.status).toBe('done');
    expect(s.context.closed).toEqual({
      at: T0 + 8,
      by: 'op-lea',
      summary: 'Recall handled; 3 lessons',
    });
    expect(s.context.deadlines).toEqual({});
  });

  it('keeps every incident commander with when they took over; only leads change it', () => {
    const s = start([
      { type: 'COMMANDER.SET', at: T0 + MIN, actor: ana, commanderId: 'op-ana' },
      { type: 'COMMANDER.SET', at: T0 + 2 * MIN, actor: lead, commanderId: 'op-kim' },
    ]).getSnapshot();
    expect(s.context.commanderId).toBe('op-kim');
    expect(s.context.commanders).toEqual([
      { id: 'op-lea', since: T0, by: 'op-lea' },
      { id: 'op-kim', since: T0 + 2 * MIN, by: 'op-lea' },
    ]);
  });

  it('keeps the status-update cadence of the severity in force', () => {
    const s = start([
      { type: 'SEVERITY.SET', at: T0 + MIN, actor: lead, severity: 'SEV1' },
      { type: 'STATUS.UPDATE', at: T0 + 10 * MIN, actor: lead },
    ]).getSnapshot();
    expect(s.context.deadlines['status-update']).toBe(T0 + 40 * MIN);
  });
});
