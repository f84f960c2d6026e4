import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SLA_TARGETS,
  SlaTargetsSchema,
  bandOf,
  slaCountdown,
  slaDue,
  slaState,
  targetMs,
} from './sla';

const MIN = 60_000;
const T0 = Date.parse('2026-11-23T10:00:00Z');

describe('SLA targets', () => {
  it('picks the band by priority: urgent ≥80, high ≥60, normal ≥20, low below', () => {
    expect(bandOf(DEFAULT_SLA_TARGETS, 100).name).toBe('urgent');
    expect(bandOf(DEFAULT_SLA_TARGETS, 80).name).toBe('urgent');
    expect(bandOf(DEFAULT_SLA_TARGETS, 79).name).toBe('high');
    expect(bandOf(DEFAULT_SLA_TARGETS, 60).name).toBe('high');
    expect(bandOf(DEFAULT_SLA_TARGETS, 20).name).toBe('normal');
    expect(bandOf(DEFAULT_SLA_TARGETS, 19).name).toBe('low');
  });

  it('applies channel factors: email gets twice the band', () => {
    expect(targetMs(DEFAULT_SLA_TARGETS, 85, 'twitter')).toBe(15 * MIN);
    expect(targetMs(DEFAULT_SLA_TARGETS, 85, 'email')).toBe(30 * MIN);
    expect(targetMs(DEFAULT_SLA_TARGETS, 50, 'phone')).toBe(120 * MIN);
    expect(targetMs(DEFAULT_SLA_TARGETS, 5, 'twitter')).toBe(24 * 60 * MIN);
  });

  it('computes due and warning times from the record time', () => {
    expect(slaDue(DEFAULT_SLA_TARGETS, T0, 65, 'twitter')).toEqual({
      due: T0 + 30 * MIN,
      warnAt: T0 + 22.5 * MIN,
    });
    expect(slaDue(DEFAULT_SLA_TARGETS, T0, 65, 'email').due).toBe(T0 + 60 * MIN);
  });

  it('refuses targets without a band from 0, or two bands at the same start', () => {
    const r1 = SlaTargetsSchema.safeParse({ bands: [{ name: 'x', minPriority: 10, minutes: 5 }] });
    expect(r1.success).toBe(false);
    const r2 = SlaTargetsSchema.safeParse({
      bands: [
        { name: 'a', minPriority: 0, minutes: 5 },
        { name: 'b', minPriority: 0, minutes: 6 },
      ],
    });
    expect(r2.success).toBe(false);
    const ok = SlaTargetsSchema.parse({ bands: [{ name: 'all', minPriority: 0, minutes: 1 }] });
    expect(ok.warnAtShare).toBe(0.75);
    expect(ok.channelFactors).toEqual({});
  });
});

describe('SLA state and countdown', () => {
  const clock = { due: T0 + 30 * MIN, warnAt: T0 + 22.5 * MIN, stoppedAt: null, ignored: false };

  it('runs, warns at the share, breaches at due', () => {
    expect(slaState(clock, T0 + 10 * MIN)).toBe('running');
    expect(slaState(clock, T0 + 22.5 * MIN)).toBe('warned');
    expect(slaState(clock, T0 + 30 * MIN)).toBe('breached');
    expect(slaCountdown(clock, T0, T0 + 18 * MIN)).toEqual({ state: 'running', minutesLeft: 12 });
    expect(slaCountdown(clock, T0, T0 + 25 * MIN)).toEqual({ state: 'warned', minutesLeft: 5 });
    expect(slaCountdown(clock, T0, T0 + 33 * MIN)).toEqual({
      state: 'breached',
      minutesOver: 3,
      stopped: false,
    });
  });

  it('stops when answered: met in time, or breached late, and no longer moves with now', () => {
    const met = { ...clock, stoppedAt: T0 + 7 * MIN };
    expect(slaCountdown(met, T0, T0 + 500 * MIN)).toEqual({ state: 'met', minutesTaken: 7 });
    const late = { ...clock, stoppedAt: T0 + 40 * MIN };
    expect(slaCountdown(late, T0, T0 + 500 * MIN)).toEqual({
      state: 'breached',
      minutesOver: 10,
      stopped: true,
    });
    expect(slaState({ ...clock, stoppedAt: T0 + 40 * MIN, ignored: true }, T0)).toBe('stopped');
  });
});
