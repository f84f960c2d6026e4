import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backlogPeaks, backlogPerInterval, doneAt } from './backlog';
import type { ReviewMention } from './review-input';

const at = (recordedAt: number, done: number | null, how: 0 | 1 | 2): ReviewMention => ({
  id: `${recordedAt}-${done}`,
  author: '@x',
  channel: 'twitter',
  department: null,
  priority: 50,
  brand: null,
  occurredAt: recordedAt,
  recordedAt,
  firstAnswerAt: how === 0 ? done : null,
  closedAt: how === 1 ? done : null,
  ignoredAt: how === 2 ? done : null,
  touched: false,
  answers: 0,
  sentimentScore: 0,
  sentimentLabel: 'neutral',
  reach: {},
});

const mentions = fc.array(
  fc
    .tuple(
      fc.integer({ min: -20, max: 120 }),
      fc.option(fc.integer({ min: -20, max: 140 })),
      fc.constantFrom(0 as const, 1 as const, 2 as const),
    )
    .map(([r, d, how]) => at(r, d, how)),
  { maxLength: 40 },
);

describe('backlogPeaks', () => {
  it('matches a sweep over every start and end sorted together (ends first at the same instant)', () => {
    fc.assert(
      fc.property(
        mentions,
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 1, max: 100 }),
        (ms, from, span) => {
          const window = { from, to: from + span };
          const events: [number, number][] = [];
          for (const m of ms) {
            const start = Math.max(m.recordedAt, window.from);
            const end = Math.min(doneAt(m) ?? window.to, window.to);
            if (end > start) events.push([start, +1], [end, -1]);
          }
          events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
          let open = 0;
          let peak = 0;
          let peakAt: number | null = null;
          for (const [t, d] of events) {
            open += d;
            if (open > peak) [peak, peakAt] = [open, t];
          }
          expect(backlogPeaks(ms, window)).toMatchObject({ peak, peakAt });
        },
      ),
    );
  });
});

describe('backlogPerInterval', () => {
  it('matches counting at each interval end one mention at a time', () => {
    fc.assert(
      fc.property(
        mentions,
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 1, max: 40 }),
        (ms, from, span, interval) => {
          const window = { from, to: from + span };
          const got = backlogPerInterval(ms, window, interval);
          const want = got.map(({ start }) => {
            const end = Math.min(start + interval, window.to);
            const waiting = ms.filter((m) => {
              const done = doneAt(m);
              return m.recordedAt < end && (done === null || done > end);
            });
            const oldest = Math.min(...waiting.map((m) => m.recordedAt));
            return {
              start,
              open: waiting.length,
              oldestSeconds: waiting.length === 0 ? 0 : (end - oldest) / 1000,
            };
          });
          expect(got).toEqual(want);
          expect(got.length).toBe(Math.ceil(span / interval));
        },
      ),
    );
  });
});
