import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createActor } from 'xstate';
import { compilePlaybook } from '../../../shared/playbooks/compile-playbook';
import { formatProblem } from '../../../shared/playbooks/parse-playbook';
import type { RunActor, RunEvent } from '../../../shared/playbooks/run-types';
import type { Playbook } from '../../../shared/playbooks/schema';
import { bundledPlaybooks } from './library';

const EXPECTED = [
  'data-breach',
  'executive-misconduct',
  'live-event-surge',
  'product-recall',
  'service-outage',
  'viral-complaint',
];
const loaded = await bundledPlaybooks();
const T0 = Date.UTC(2026, 1, 8, 20, 0);
const as = (role: RunActor['role']): RunActor => ({ id: `op-${role}`, role });

/**
 * A random but complete way through a run: in each phase the steps are done in a random order,
 * interleaved with noise (approvals by the wrong role, early advances, due timers, severity
 * changes), each gate is approved by its role, then a lead advances; at the end a lead closes.
 */
function walk(pb: Playbook, rand: () => number): RunEvent[] {
  const events: RunEvent[] = [];
  let at = T0;
  const tick = () => (at += Math.floor(rand() * 600_000));
  for (const phase of pb.phases) {
    const work: RunEvent[] = [];
    for (const s of phase.steps) {
      if (!s.optional || rand() < 0.5)
        work.push({ type: 'STEP.COMPLETE', at: 0, actor: as(s.owner), stepId: s.id });
      if (s.gate) {
        work.push({ type: 'GATE.APPROVE', at: 0, actor: as('operator'), stepId: s.id });
        work.push({ type: 'GATE.APPROVE', at: 0, actor: as(s.gate.approver), stepId: s.id });
      }
      work.push({ type: 'TIMER.FIRED', at: 0, key: `step:${s.id}`, dueAt: 0 });
    }
    work.push({ type: 'PHASE.ADVANCE', at: 0, actor: as('lead') });
    work.push({
      type: 'SEVERITY.SET',
      at: 0,
      actor: as('lead'),
      severity: rand() < 0.5 ? 'SEV1' : 'SEV3',
    });
    for (let i = work.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [work[i], work[j]] = [work[j] as RunEvent, work[i] as RunEvent];
    }
    for (const e of work) events.push({ ...e, at: tick() } as RunEvent);
    events.push({ type: 'PHASE.ADVANCE', at: tick(), actor: as('lead') });
  }
  events.push({ type: 'RUN.CLOSE', at: tick(), actor: as('lead'), summary: 'done' });
  return events;
}

describe('the bundled playbooks', () => {
  it('are all there and all valid', () => {
    for (const r of loaded) if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
    expect(loaded.map((r) => (r.ok ? r.playbook.id : r.file)).sort()).toEqual(EXPECTED);
  });

  for (const r of loaded) {
    if (!r.ok) continue;
    const pb = r.playbook;
    it(`${pb.id}: compiles, every phase is reached, and no order of work gets a run stuck`, () => {
      const machine = compilePlaybook(pb);
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
          let x = seed;
          const rand = () => (x = (x * 48_271) % 2_147_483_647) / 2_147_483_647;
          const run = createActor(machine, {
            input: { runId: 'r', startedAt: T0, startedBy: as('lead'), commanderId: 'op-lead' },
          }).start();
          const visited = new Set<string>([String(run.getSnapshot().value)]);
          for (const e of walk(pb, rand)) {
            // A timer fires for the deadline the run actually holds (as the scheduler does).
            const sent =
              e.type === 'TIMER.FIRED'
                ? { ...e, dueAt: run.getSnapshot().context.deadlines[e.key] ?? 0 }
                : e;
            run.send(sent);
            visited.add(String(run.getSnapshot().value));
          }
          expect(run.getSnapshot().status).toBe('done');
          expect([...visited].filter((v) => v !== 'closed')).toEqual(pb.phases.map((p) => p.id));
        }),
        { numRuns: 60 },
      );
    });
  }
});
