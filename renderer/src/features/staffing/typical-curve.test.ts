import { describe, expect, it } from 'vitest';
import { fromLocalInput, intervalStarts, toLocalInput, typicalCurve } from './typical-curve';

describe('typical event curve', () => {
  it('has one 30-minute interval per half hour of the event, at most a day', () => {
    expect(intervalStarts('2026-12-31T20:00:00.000Z', '2026-12-31T22:00:00.000Z')).toEqual([
      '2026-12-31T20:00:00.000Z',
      '2026-12-31T20:30:00.000Z',
      '2026-12-31T21:00:00.000Z',
      '2026-12-31T21:30:00.000Z',
    ]);
    expect(intervalStarts('2026-12-31T20:00:00Z', '2026-12-31T20:10:00Z')).toHaveLength(1);
    expect(intervalStarts('2026-12-31T20:00:00Z', '2027-01-05T20:00:00Z')).toHaveLength(48);
    expect(intervalStarts('2026-12-31T20:00:00Z', '2026-12-31T19:00:00Z')).toEqual([]);
  });

  it('rises to its peak about 60 % of the way through and falls after', () => {
    const c = typicalCurve(11, 400);
    expect(Math.max(...c)).toBe(400);
    expect(c.indexOf(400)).toBe(6);
    expect(c[0]).toBeLessThan(c[3] as number);
    expect(c[10]).toBeLessThan(400);
    expect(c.every((v) => v >= 40)).toBe(true);
  });

  it('round-trips a local time input', () => {
    const iso = fromLocalInput('2026-12-31T20:30');
    expect(toLocalInput(iso)).toBe('2026-12-31T20:30');
    expect(fromLocalInput('nope')).toBe('');
  });
});
