import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backlogPerInterval, doneAt } from './backlog';
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

describe('backlogPerInterval', () => {
  it('matches counting at each interval end one mention at a time', () => {
    const mention = fc
      .tuple(
        fc.integer({ min: -20, max: 120 }),
        fc.option(fc.integer({ min: -20, max: 140 })),
        fc.constantFrom(0 as const, 1 as const, 2 as const),
      )
      .map(([r, d, how]) => at(r, d, how));
    fc.assert(
      fc.property(
        fc.array(mention, { maxLength: 40 }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 1, max: 40 }),
        (mentions, from, span, interval) => {
          const window = { from, to: from + span };
          const got = backlogPerInterval(mentions, window, interval);
          const want = got.map(({ start }) => {
            const end = Math.min(start + interval, window.to);
            const waiting = mentions.filter((m) => {
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
