import { describe, expect, it } from 'vitest';
import { projectTimeline, type TimelineOp } from './timeline';

const T = 1_800_000_000_000;
const hlc = (ms: number, n = 0) =>
  `${String(ms).padStart(15, '0')}-${String(n).padStart(6, '0')}-st-a`;
const op = (over: Partial<TimelineOp> & { id: string; type: string }): TimelineOp => ({
  hlc: hlc(T),
  actor: 'u-ana',
  subject: 'twitter:1',
  payload: {},
  effect: 'applied',
  reason: null,
  ...over,
});

describe('projectTimeline', () => {
  it('shows a lost claim as a collision, leaves out what the review does not show, and orders by when it happened', () => {
    const events = projectTimeline([
      op({ id: 'c2', type: 'mention.claim', hlc: hlc(T + 2), effect: 'collision', actor: 'u-bo' }),
      op({ id: 'c1', type: 'mention.claim', hlc: hlc(T + 1) }),
      // A step done at T − 5 min but recorded at T + 4: it sits first.
      op({
        id: 's',
        type: 'run.step',
        subject: 'run-1',
        hlc: hlc(T + 4),
        payload: { stepId: 'assess', occurredAt: new Date(T - 300_000).toISOString() },
      }),
      op({ id: 'k', type: 'operator.create', hlc: hlc(T + 5) }),
    ]);
    expect(events.map((e) => [e.opId, e.kind])).toEqual([
      ['s', 'run-step'],
      ['c1', 'claim'],
      ['c2', 'collision'],
    ]);
    expect(events[0]).toMatchObject({
      at: T - 300_000,
      recordedAt: T + 4,
      evidence: { kind: 'run', id: 'run-1' },
    });
  });

  it('marks the first statement sent to an audience inside the window, not replies', () => {
    const send = (id: string, at: number, target: object) =>
      op({
        id,
        type: 'message.send',
        subject: `m-${id}`,
        hlc: hlc(at),
        payload: { channel: 'press', target },
      });
    const ops = [
      send('r', T, { mentionId: 'twitter:1' }),
      send('s1', T + 10, { audience: 'public' }),
      send('s2', T + 20, { audience: 'press' }),
    ];
    const all = projectTimeline(ops);
    expect(all.filter((e) => e.firstStatement).map((e) => e.opId)).toEqual(['s1']);
    expect(all[0]?.kind).toBe('reply-sent');
    const later = projectTimeline(ops, [], { from: T + 15, to: T + 100 });
    expect(later.map((e) => [e.opId, e.firstStatement])).toEqual([['s2', true]]);
  });

  it('shows a refused op as refused, with its reason and what it was about; a duplicate timer.fired shows nothing', () => {
    const events = projectTimeline([
      op({
        id: 'rv',
        type: 'message.review',
        subject: 'msg-1',
        actor: 'u-pat',
        hlc: hlc(T + 1),
        payload: { decision: 'approve', area: 'legal', contentHash: 'h' },
        effect: 'refused',
        reason: 'the reviewer does not approve for legal',
      }),
      op({
        id: 'fired',
        type: 'timer.fired',
        subject: 'run-1',
        actor: 'system',
        hlc: hlc(T + 2),
        payload: { runId: 'run-1', key: 'assess/confirm-scope', dueAt: T },
      }),
      // The other station's timer for the same deadline: collapsed at the effect, not news.
      op({
        id: 'fired-again',
        type: 'timer.fired',
        subject: 'run-1',
        actor: 'system',
        hlc: hlc(T + 3),
        payload: { runId: 'run-1', key: 'assess/confirm-scope', dueAt: T },
        effect: 'refused',
        reason: 'the deadline had already been met or acted on',
      }),
      op({
        id: 'step',
        type: 'run.approve',
        subject: 'run-1',
        actor: 'u-ana',
        hlc: hlc(T + 4),
        payload: { runId: 'run-1', stepId: 'holding-statement' },
        effect: 'refused',
        reason: 'not allowed for this role or at this point of the run',
      }),
    ]);
    expect(events.map((e) => [e.opId, e.kind])).toEqual([
      ['fired', 'escalation'],
      ['rv', 'refused'],
      ['step', 'refused'],
    ]);
    expect(events[1]).toMatchObject({
      actor: 'u-pat',
      at: T + 1,
      detail: {
        op: 'message.review',
        reason: 'the reviewer does not approve for legal',
        area: 'legal',
        decision: 'approve',
      },
      evidence: { kind: 'message', id: 'msg-1' },
    });
    expect(events[2]).toMatchObject({
      detail: { op: 'run.approve', step: 'holding-statement' },
      evidence: { kind: 'run', id: 'run-1' },
    });
  });

  it('shows an alert two stations raised once, as its earliest op', () => {
    const alert = (id: string, at: number) =>
      op({
        id,
        type: 'alert.raised',
        subject: 'spike:acme:1',
        actor: 'system',
        hlc: hlc(at),
        payload: { id: 'spike:acme:1', rule: 'volume-spike', windowEnd: T },
      });
    const events = projectTimeline([alert('later', T + 5), alert('first', T + 1)]);
    expect(events.map((e) => [e.opId, e.kind])).toEqual([['first', 'alert']]);
  });
});
