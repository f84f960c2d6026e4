import { describe, expect, it } from 'vitest';
import { TIMELINE_KINDS, type TimelineEvent } from '../../../../shared/analytics/timeline';
import {
  ALL_EVENTS,
  filterTimeline,
  groupOf,
  GROUPS,
  KIND_GROUPS,
  recordedApart,
} from './timeline-filter';

const event = (opId: string, kind: TimelineEvent['kind'], at: number, actor = 'ana') =>
  ({
    opId,
    kind,
    at,
    recordedAt: at,
    actor,
    detail: {},
    evidence: null,
    firstStatement: false,
  }) satisfies TimelineEvent;

const EVENTS = [
  event('a', 'alert', 1_000, 'system'),
  event('b', 'run-started', 2_000, 'lea'),
  event('c', 'claim', 3_000),
  event('d', 'statement-sent', 4_000, 'lea'),
  event('e', 'check-in', 5_000),
];
const words = (e: TimelineEvent) => `${e.kind} by ${e.actor}`;
const ids = (es: TimelineEvent[]) => es.map((e) => e.opId);

describe('timeline filter', () => {
  it('puts every kind of event in exactly one group', () => {
    const grouped = GROUPS.flatMap((g) => [...KIND_GROUPS[g]]);
    expect([...grouped].sort()).toEqual([...TIMELINE_KINDS].sort());
    expect(groupOf('sla-breach')).toBe('queue');
    expect(groupOf('refused')).toBe('refused');
  });

  it('lets everything through by default, then narrows by group, actor, words, range and notes', () => {
    const all = filterTimeline(EVENTS, ALL_EVENTS, words, () => false);
    expect(ids(all)).toEqual(['a', 'b', 'c', 'd', 'e']);
    const f = (over: Partial<typeof ALL_EVENTS>, noted = new Set<string>()) =>
      ids(filterTimeline(EVENTS, { ...ALL_EVENTS, ...over }, words, (e) => noted.has(e.opId)));
    expect(f({ groups: ['run', 'messages'] })).toEqual(['b', 'd']);
    expect(f({ actor: 'lea' })).toEqual(['b', 'd']);
    expect(f({ text: 'LEA  statement' })).toEqual(['d']);
    // From inclusive, to exclusive, like the review's own window.
    expect(f({ from: 2_000, to: 4_000 })).toEqual(['b', 'c']);
    expect(f({ annotatedOnly: true }, new Set(['c', 'e']))).toEqual(['c', 'e']);
    expect(f({ groups: [] })).toEqual([]);
  });

  it('shows both times only when recording was a minute or more apart', () => {
    expect(recordedApart({ ...event('x', 'claim', 0), recordedAt: 59_999 })).toBe(false);
    expect(recordedApart({ ...event('x', 'mention-logged', 0), recordedAt: 3_600_000 })).toBe(true);
  });
});
