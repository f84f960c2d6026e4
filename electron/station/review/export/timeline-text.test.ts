import { describe, expect, it } from 'vitest';
import type { TimelineEvent, TimelineKind } from '../../../../shared/analytics/timeline';
import { eventSentence, MAX_LISTED_EVENTS, timelineRows } from './timeline-text';

const HOUR = 3_600_000;
const event = (
  opId: string,
  kind: TimelineKind,
  at: number,
  more: Partial<TimelineEvent> = {},
) => ({
  opId,
  kind,
  at,
  recordedAt: at,
  actor: 'op-ana',
  detail: {},
  evidence: null,
  firstStatement: false,
  ...more,
});
const note = (eventId: string) => ({
  id: `n-${eventId}`,
  eventId,
  text: 'why?',
  by: 'op-lea',
  at: '2015-02-22T10:00:00Z',
});

describe('timeline rows', () => {
  it('lists every event of a short timeline, notes beside their events', () => {
    const events = [
      event('a', 'alert', 0),
      event('b', 'answered', 1),
      event('c', 'statement-sent', 2, { firstStatement: true }),
    ];
    const rows = timelineRows(events, [note('b')], HOUR);
    expect(
      rows.map((r) => (r.kind === 'event' ? [r.event.opId, r.notes.length] : 'folded')),
    ).toEqual([
      ['a', 0],
      ['b', 1],
      ['c', 0],
    ]);
  });

  it('folds the routine handling of a busy timeline into counts per interval, keeping key, annotated and first-statement events', () => {
    const events: TimelineEvent[] = [event('alert', 'alert', 0)];
    for (let i = 0; i < MAX_LISTED_EVENTS; i++)
      events.push(
        event(
          `x${i}`,
          i % 2 ? 'answered' : 'claim',
          1 + Math.floor((i * 2 * HOUR) / MAX_LISTED_EVENTS),
        ),
      );
    events.push(event('statement', 'statement-sent', 2 * HOUR + 1, { firstStatement: true }));
    const rows = timelineRows(events, [note('x7')], HOUR);
    const shape = rows.map((r) =>
      r.kind === 'event' ? r.event.opId : `folded at ${r.at / HOUR} h`,
    );
    expect(shape).toEqual([
      'alert',
      'folded at 0 h',
      'x7',
      'folded at 0 h',
      'folded at 1 h',
      'statement',
    ]);
    expect(rows.at(-1)).toMatchObject({ kind: 'event', event: { opId: 'statement' } });
    const listed = rows.flatMap((r) => (r.kind === 'event' ? [r.event.opId] : []));
    expect(listed).toEqual(['alert', 'x7', 'statement']);
    const folded = rows.flatMap((r) => (r.kind === 'folded' ? r.counts.map(([, n]) => n) : []));
    expect(folded.reduce((a, b) => a + b, 0)).toBe(MAX_LISTED_EVENTS - 1);
  });

  it('words each event with who did it', () => {
    const e = event('s', 'statement-sent', 0, { detail: { audience: 'public', channel: 'press' } });
    expect(eventSentence(e, (id) => (id === 'op-ana' ? 'Ana' : id))).toBe(
      'Ana sent a statement to public on press',
    );
  });

  it('words a refused op with whose it was, what it was and why it had no effect', () => {
    const names = (id: string) => (id === 'op-ana' ? 'Ana' : id);
    const approval = event('r', 'refused', 0, {
      detail: {
        op: 'message.review',
        decision: 'approve',
        area: 'legal',
        reason: 'the reviewer does not approve for legal',
      },
    });
    expect(eventSentence(approval, names)).toBe(
      "Refused: Ana's approval of a message for legal — the reviewer does not approve for legal",
    );
    const unknown = event('u', 'refused', 0, { detail: { op: 'badge.award', reason: null } });
    expect(eventSentence(unknown, names)).toBe("Refused: Ana's badge.award op");
  });
});
