import { describe, expect, it } from 'vitest';
import { ReviewRequestSchema } from '../../../../shared/contract/reviews';
import { SavedScopeSchema } from '../../../../shared/review/retrospective';
import { intervalFor, requestOf, savedScopeOf, workScope, wordsOf } from './review-scope';

describe('review scope', () => {
  it('asks for a run by id, a window by its ends, with filters only when given', () => {
    const run = requestOf(workScope({ runId: 'run-1' }));
    expect(ReviewRequestSchema.parse(run)).toMatchObject({ runId: 'run-1', intervalMinutes: 30 });
    expect(run).not.toHaveProperty('brands');
    const window = requestOf({
      ...workScope({ from: '2026-02-07T12:00:00.000Z', to: '2026-02-07T18:00:00.000Z' }),
      brands: wordsOf(' Acme, ,Globex '),
    });
    expect(ReviewRequestSchema.parse(window)).toMatchObject({
      from: '2026-02-07T12:00:00.000Z',
      brands: ['Acme', 'Globex'],
      intervalMinutes: 15,
    });
  });

  it('saves the window the report covered, with the run and the filters', () => {
    const saved = savedScopeOf(
      { ...workScope({ runId: 'run-1' }), channels: ['twitter'] },
      { from: Date.UTC(2026, 1, 7), to: Date.UTC(2026, 1, 8) },
    );
    expect(SavedScopeSchema.parse(saved)).toEqual({
      from: '2026-02-07T00:00:00.000Z',
      to: '2026-02-08T00:00:00.000Z',
      runId: 'run-1',
      channels: ['twitter'],
    });
  });

  it('picks an interval giving at most about sixty bars', () => {
    expect(intervalFor(3_600_000)).toBe(5);
    expect(intervalFor(7 * 86_400_000)).toBe(180);
    expect(intervalFor(31 * 86_400_000)).toBe(1440);
  });
});
