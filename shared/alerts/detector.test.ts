import { describe, expect, it } from 'vitest';
import type { AlertDetectorOptions } from './alert-options';
import type { Alert, AlertMention, OpenAlert } from './alert-types';
import { createAlertDetector } from './detector';
import { prng } from '../testing/prng';

const MIN = 60_000;
const HOUR = 60 * MIN;
/** Monday 2026-01-05 00:00 UTC: a whole number of 5-minute steps. */
const T0 = Date.UTC(2026, 0, 5);

type Traffic = { brand: string; topic?: string; perHour: number; negative: number; seed?: number };

/** Poisson arrivals at `perHour` over [from, to) with the given negative share, refs `brand-n`. */
function traffic(t: Traffic, from: number, to: number): AlertMention[] {
  const random = prng(t.seed ?? 1);
  const out: AlertMention[] = [];
  let at = from;
  for (let i = 0; ; i++) {
    at += (-Math.log(1 - random()) / t.perHour) * HOUR;
    if (at >= to) return out;
    const negative = random() < t.negative;
    const m: AlertMention = {
      at: Math.floor(at),
      brand: t.brand,
      negative,
      ref: `${t.brand}-${from}-${i}-${negative ? 'neg' : 'ok'}`,
    };
    if (t.topic !== undefined) m.topic = t.topic;
    out.push(m);
  }
}

/** Merges streams into time order (stable). */
function merge(...streams: AlertMention[][]): AlertMention[] {
  return streams.flat().sort((a, b) => a.at - b.at);
}

/** Replays a stream and flushes `tailMs` past its end; returns every alert opened, in order. */
function replay(stream: AlertMention[], opts: AlertDetectorOptions = {}, tailMs = 4 * HOUR) {
  const d = createAlertDetector(opts);
  const alerts: Alert[] = [];
  for (const m of stream) alerts.push(...d.add(m));
  const end = stream.at(-1)?.at ?? T0;
  alerts.push(...d.flush(end + tailMs));
  return { alerts, detector: d };
}

const steady = (perHour: number, from: number, to: number, seed = 1) =>
  traffic({ brand: 'Acme Air', perHour, negative: 0.3, seed }, from, to);

describe('alert detector', () => {
  it('stays quiet on steady traffic, busy or quiet', () => {
    const stream = merge(
      steady(30, T0, T0 + 72 * HOUR),
      traffic({ brand: 'Quiet', perHour: 3, negative: 0.5, seed: 2 }, T0, T0 + 72 * HOUR),
      traffic({ brand: 'Busy', perHour: 600, negative: 0.6, seed: 3 }, T0, T0 + 72 * HOUR),
    );
    expect(replay(stream).alerts).toEqual([]);
  });

  it('fires one volume spike for a 5× burst, not one per mention or step', () => {
    const burstAt = T0 + 30 * HOUR;
    const stream = merge(
      steady(20, T0, burstAt + 90 * MIN),
      steady(80, burstAt, burstAt + HOUR, 7), // 20 + 80 = 5× for an hour
    );
    const { alerts, detector } = replay(stream, {}, 0);
    expect(alerts).toHaveLength(1);
    const a = alerts[0] as Alert;
    expect(a).toMatchObject({ rule: 'volume-spike', key: 'Acme Air', brand: 'Acme Air' });
    expect(a.windowStart).toBeGreaterThanOrEqual(burstAt - HOUR);
    expect(a.windowEnd).toBeLessThanOrEqual(burstAt + HOUR);
    expect(a.windowEnd - a.windowStart).toBe(HOUR);
    expect(a.ratio).toBeGreaterThanOrEqual(4);
    expect(a.count).toBeGreaterThanOrEqual(80);
    expect(a.rule === 'volume-spike' && a.pValue).toBeLessThan(1e-6);
    expect(a.firstMentionAt).toBeGreaterThanOrEqual(a.windowStart);
    expect(a.firstMentionAt).toBeLessThan(a.windowStart + 5 * MIN);
    expect(a.sampleRefs.length).toBeGreaterThan(0);
    expect(a.sampleRefs.length).toBeLessThanOrEqual(50);
    const inWindow = new Set(
      stream.filter((m) => m.at >= a.windowStart && m.at < a.windowEnd).map((m) => m.ref),
    );
    expect(a.sampleRefs.every((r) => inWindow.has(r))).toBe(true);
    // Still open 30 minutes after the burst (clearing, not yet cooled down); refs kept growing.
    expect(detector.open().map((o) => o.id)).toEqual([a.id]);
    expect(detector.open()[0]?.sampleRefs).toHaveLength(50);
  });

  it('does not re-fire while the alert is cooling down, and does after the cool-down', () => {
    const a = T0 + 30 * HOUR;
    const burst = (at: number, seed: number) => steady(300, at, at + HOUR, seed); // 16×
    const stream = merge(
      steady(20, T0, T0 + 44 * HOUR),
      burst(a, 11),
      // Back 20 minutes after the first cleared (the window drops below 4× ~40 minutes after
      // the burst ends): inside the cool-down, so it is the same alert.
      burst(a + 2 * HOUR, 12),
      burst(a + 8 * HOUR, 13), // long after
    );
    const detector = createAlertDetector();
    const alerts: Alert[] = [];
    let midway: OpenAlert[] = [];
    for (const m of stream) {
      if (midway.length === 0 && m.at >= a + 2.75 * HOUR) midway = detector.open();
      alerts.push(...detector.add(m));
    }
    alerts.push(...detector.flush(T0 + 48 * HOUR));
    expect(alerts.map((x) => x.rule)).toEqual(['volume-spike', 'volume-spike']);
    // The second burst held the first alert open again rather than opening a new one.
    expect(midway.map((x) => x.id)).toEqual([alerts[0]?.id]);
    expect(midway[0]?.lastHeldAt).toBeGreaterThan(a + 2 * HOUR);
    const [first, second] = alerts as [Alert, Alert];
    expect(first.windowEnd).toBeLessThanOrEqual(a + HOUR);
    expect(second.windowEnd).toBeGreaterThan(a + 8 * HOUR);
    expect(second.windowEnd).toBeLessThanOrEqual(a + 9 * HOUR);
    expect(second.id).not.toBe(first.id);
    expect(detector.open()).toEqual([]);
  });

  it('fires a sentiment shift when the mood flips, without a volume spike', () => {
    const flipAt = T0 + 30 * HOUR;
    const stream = merge(
      traffic({ brand: 'Acme Air', perHour: 60, negative: 0.2, seed: 4 }, T0, flipAt),
      traffic(
        { brand: 'Acme Air', perHour: 60, negative: 0.7, seed: 5 },
        flipAt,
        flipAt + 2 * HOUR,
      ),
    );
    const { alerts } = replay(stream, {}, 0);
    expect(alerts.map((x) => x.rule)).toEqual(['sentiment-shift']);
    const s = alerts[0] as Alert;
    if (s.rule !== 'sentiment-shift') throw new Error('expected a sentiment shift');
    expect(s.z).toBeGreaterThanOrEqual(4);
    expect(s.negativeShare - s.baselineNegativeShare).toBeGreaterThanOrEqual(0.2);
    expect(s.windowEnd).toBeLessThanOrEqual(flipAt + HOUR);
    expect(s.sampleRefs.length).toBeGreaterThan(0);
    expect(s.sampleRefs.every((r) => r.endsWith('-neg'))).toBe(true);
  });

  it('gives the same ids on every station, even one that joined the stream later', () => {
    const burstAt = T0 + 40 * HOUR;
    const stream = merge(steady(20, T0, T0 + 44 * HOUR), steady(120, burstAt, burstAt + HOUR, 9));
    const first = replay(stream).alerts;
    const again = replay(stream).alerts;
    const joinedLate = replay(stream.filter((m) => m.at >= T0 + 12 * HOUR)).alerts;
    expect(first).toHaveLength(1);
    expect(again).toEqual(first);
    expect(joinedLate.map((x) => x.id)).toEqual(first.map((x) => x.id));
    const a = first[0] as Alert;
    expect(a.id).toBe(`volume-spike:Acme%20Air:${new Date(a.windowStart).toISOString()}`);
  });

  it('tolerates mentions a few minutes out of order', () => {
    const burstAt = T0 + 30 * HOUR;
    const random = prng(71);
    const stream = merge(steady(20, T0, T0 + 33 * HOUR), steady(120, burstAt, burstAt + HOUR, 72));
    // Arrival order = event time plus up to 4 minutes of delay: later steps see late mentions.
    const arrivals = stream
      .map((m) => ({ m, arrives: m.at + random() * 4 * MIN }))
      .sort((a, b) => a.arrives - b.arrives)
      .map((x) => x.m);
    expect(arrivals.some((m, i) => i > 0 && m.at < (arrivals[i - 1] as AlertMention).at)).toBe(
      true,
    );
    const inOrder = replay(stream).alerts;
    const late = replay(arrivals).alerts;
    expect(late.map((x) => [x.rule, x.key])).toEqual([['volume-spike', 'Acme Air']]);
    expect(
      Math.abs((late[0] as Alert).windowEnd - (inOrder[0] as Alert).windowEnd),
    ).toBeLessThanOrEqual(5 * MIN);
  });

  it('watches a topic beside its brand', () => {
    const burstAt = T0 + 30 * HOUR;
    const bags = { brand: 'Acme Air', topic: 'baggage', negative: 0.9 };
    const stream = merge(
      steady(300, T0, T0 + 32 * HOUR),
      traffic({ ...bags, perHour: 2, seed: 21 }, T0, T0 + 32 * HOUR),
      traffic({ ...bags, perHour: 60, seed: 22 }, burstAt, burstAt + HOUR),
    );
    const { alerts } = replay(stream, {}, 0);
    expect(alerts.map((x) => [x.rule, x.key])).toEqual([['volume-spike', 'Acme Air › baggage']]);
    expect(alerts[0]).toMatchObject({ brand: 'Acme Air', topic: 'baggage' });
  });

  it('lets a new key fire on a real burst but not on a handful of mentions', () => {
    const at = T0 + 30 * HOUR;
    const stream = merge(
      steady(20, T0, T0 + 33 * HOUR),
      traffic({ brand: 'Few', perHour: 12, negative: 0.5, seed: 31 }, at, at + HOUR),
      traffic({ brand: 'Newcomer', perHour: 60, negative: 0.5, seed: 32 }, at, at + HOUR),
    );
    expect(replay(stream).alerts.map((x) => x.key)).toEqual(['Newcomer']);
  });

  it('stays silent while warming up, and again after the whole stream went dead', () => {
    const stream = merge(steady(5, T0, T0 + 30 * HOUR), steady(100, T0 + HOUR, T0 + 2 * HOUR, 41));
    expect(replay(stream).alerts).toEqual([]);
    // Two days without a single mention (station off), then a normal busy day: not "new".
    const back = T0 + 30 * HOUR + 48 * HOUR;
    const resumed = merge(stream, steady(60, back, back + 10 * HOUR, 42));
    expect(replay(resumed).alerts).toEqual([]);
    // The same day without the dead gap is a real surge on a quiet key.
    const surge = merge(stream, steady(60, T0 + 30 * HOUR, T0 + 32 * HOUR, 43));
    expect(replay(surge).alerts.map((x) => x.rule)).toContain('volume-spike');
  });

  it('opens alerts from flush when the stream goes quiet', () => {
    const burstAt = T0 + 30 * HOUR;
    const d = createAlertDetector();
    const stream = merge(steady(20, T0, burstAt), steady(200, burstAt, burstAt + 20 * MIN, 51));
    const fromAdd = stream.flatMap((m) => d.add(m));
    expect(fromAdd).toEqual([]);
    expect(d.flush(burstAt + 25 * MIN).map((x) => x.rule)).toEqual(['volume-spike']);
    expect(d.flush(burstAt + 30 * MIN)).toEqual([]);
  });

  it('keeps memory bounded with 10,000 distinct keys and still sees the busy one', () => {
    const d = createAlertDetector();
    const random = prng(61);
    const alerts: Alert[] = [];
    const burstAt = T0 + 30 * HOUR;
    const main = merge(steady(30, T0, T0 + 32 * HOUR), steady(150, burstAt, burstAt + HOUR, 62));
    let maxKeys = 0;
    let i = 0;
    for (const m of main) {
      alerts.push(...d.add(m));
      // Ten one-off keys per main mention, cycling through 10,000 distinct names.
      for (let k = 0; k < 10; k++, i++) {
        alerts.push(...d.add({ at: m.at, brand: `noise-${i % 10_000}`, negative: random() < 0.5 }));
      }
      maxKeys = Math.max(maxKeys, d.stats().keys);
    }
    expect(i).toBeGreaterThan(10_000);
    expect(maxKeys).toBeLessThanOrEqual(500 + 125);
    expect(alerts.map((x) => x.key)).toEqual(['Acme Air']);
  });

  it('refuses options that do not fit the step', () => {
    expect(() => createAlertDetector({ windowMs: 7 * MIN })).toThrow(/multiple of stepMs/);
    expect(() => createAlertDetector({ spikeMinRatio: -1 })).toThrow(/≥ 0/);
  });
});
