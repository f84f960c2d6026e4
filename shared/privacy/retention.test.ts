import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DAY_MS,
  cutoffsAt,
  mergeCutoffs,
  retentionErases,
  sweepAllowed,
  sweepDue,
  NO_CUTOFFS,
} from './retention';

const T = Date.parse('2026-12-04T12:00:00Z');

describe('retention rules', () => {
  it('gives cutoffs N days before the sweep time, none for a kept kind', () => {
    expect(cutoffsAt({ mentionDays: 30, contactDays: null }, T)).toEqual({
      mentionsBefore: '2026-11-04T12:00:00.000Z',
      contactsBefore: null,
    });
  });

  it('allows a sweep no later than the rules at its record time, and nothing for a kept kind', () => {
    const rules = { mentionDays: 30, contactDays: 7 };
    expect(sweepAllowed(cutoffsAt(rules, T), rules, T)).toBe(true);
    expect(sweepAllowed(cutoffsAt(rules, T + DAY_MS), rules, T)).toBe(false);
    expect(sweepAllowed({ mentionsBefore: null, contactsBefore: null }, rules, T)).toBe(true);
    expect(sweepAllowed(cutoffsAt(rules, T), { mentionDays: 30, contactDays: null }, T)).toBe(
      false,
    );
  });

  it('is due when a rule is new or its cutoff moved a step, not before', () => {
    const rules = { mentionDays: 30, contactDays: null };
    expect(sweepDue(rules, NO_CUTOFFS, T)).toBe(true);
    const applied = cutoffsAt(rules, T);
    expect(sweepDue(rules, applied, T + 60_000)).toBe(false);
    expect(sweepDue(rules, applied, T + 3_600_000)).toBe(true);
    expect(sweepDue({ mentionDays: null, contactDays: null }, NO_CUTOFFS, T)).toBe(false);
  });

  it('erases a mention before the mention cutoff, contact details only before theirs', () => {
    const cut = {
      mentionsBefore: '2026-11-01T00:00:00.000Z',
      contactsBefore: '2026-12-01T00:00:00.000Z',
    };
    const at = (iso: string, hasContactDetails: boolean) =>
      retentionErases({ occurredMs: Date.parse(iso), hasContactDetails }, cut);
    expect(at('2026-10-31T00:00:00Z', false)).toBe(true);
    expect(at('2026-11-15T00:00:00Z', false)).toBe(false);
    expect(at('2026-11-15T00:00:00Z', true)).toBe(true);
    expect(at('2026-12-02T00:00:00Z', true)).toBe(false);
  });

  it('merges sweeps to the latest cutoff whatever their order (stations agree)', () => {
    const iso = fc.option(
      fc.integer({ min: 0, max: 4e12 }).map((n) => new Date(n).toISOString()),
      { nil: null },
    );
    const cut = fc.record({ mentionsBefore: iso, contactsBefore: iso });
    fc.assert(
      fc.property(fc.array(cut, { maxLength: 8 }), (sweeps) => {
        const forward = sweeps.reduce(mergeCutoffs, NO_CUTOFFS);
        const backward = [...sweeps].reverse().reduce(mergeCutoffs, NO_CUTOFFS);
        expect(backward).toEqual(forward);
      }),
    );
  });
});
