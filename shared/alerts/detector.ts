/**
 * Crisis alert detection over a mention stream, per watched key (brand, and brand › topic).
 * Counts go into per-key rings of step-wide buckets (O(1) per mention); at each step boundary
 * of event time the last window is judged against the baseline span before it (see
 * judge-window.ts). Evaluation is driven only by the `at` of incoming mentions (or `flush`),
 * never by a timer, so replaying the same history yields the same alerts with the same ids.
 * No alert opens during warm-up (one window + baseline after the first mention, or after the
 * whole stream fell silent for that long).
 * Lifecycle: a (rule, key) alert opens when its rule holds, stays open while it keeps holding,
 * and resolves once it has not held for `cooldownMs`; only then can it open again.
 */
import { atLeastAsSevere } from '../playbooks/severity';
import { resolveAlertOptions, type AlertDetectorOptions } from './alert-options';
import type { Alert, AlertMention, AlertRule, OpenAlert } from './alert-types';
import { buildAlert, severityFor } from './build-alert';
import { judgeWindow, type WindowJudgement } from './judge-window';
import { alertKey, createKeyState, evictKeys, type KeyState, type OpenState } from './key-state';

/** A running detector: feed it mentions in time order; it hands back the alerts they open. */
export type AlertDetector = {
  /** Counts a mention; returns the alerts opened by the step boundaries its `at` moved past. */
  add(m: AlertMention): Alert[];
  /** Moves event time to `now` without a mention (a quiet stream); returns alerts opened. */
  flush(now: number): Alert[];
  /** Alerts open now (including those cooling down), oldest window first. */
  open(): OpenAlert[];
  /** Keys tracked and alerts open, for memory checks and diagnostics. */
  stats(): { keys: number; openAlerts: number };
};

/** Creates a detector; see `DEFAULT_ALERT_OPTIONS` for the defaults and why. */
export function createAlertDetector(opts: AlertDetectorOptions = {}): AlertDetector {
  const o = resolveAlertOptions(opts);
  const windowBuckets = o.windowMs / o.stepMs;
  const ringBuckets = windowBuckets + o.baselineMs / o.stepMs;
  const sizes = {
    ringBuckets,
    windowBuckets,
    refsPerBucket: Math.ceil(o.maxSampleRefs / windowBuckets),
  };
  const cooldownSteps = Math.ceil(o.cooldownMs / o.stepMs);
  const warmupSteps = Math.ceil(o.warmupMs / o.stepMs);
  // Below this many mentions in the window neither rule can hold: skip judging.
  const minJudged = Math.min(o.spikeMinCount, o.shiftMinCount);
  // Evict in batches so the sort is amortised; memory stays under maxKeys + slack keys.
  const evictSlack = Math.max(8, Math.ceil(o.maxKeys / 4));
  const keys = new Map<string, KeyState>();
  let lastStep: number | null = null;
  /** Bucket from which warm-up counts: the first mention, or the first after a dead stream. */
  let firstStep = 0;
  let lastMentionBucket = -Infinity;

  function stepRule(
    st: KeyState,
    rule: AlertRule,
    holds: boolean,
    step: number,
    count: number,
    j: WindowJudgement | null,
    warm: boolean,
    opened: Alert[],
  ): void {
    const field = rule === 'volume-spike' ? 'spike' : 'shift';
    const state = st[field];
    if (state !== null) {
      if (holds && j !== null) {
        state.lastHeldStep = step;
        state.clearSince = null;
        const sev = severityFor(rule, j);
        if (!atLeastAsSevere(state.peakSeverity, sev)) state.peakSeverity = sev;
      } else {
        state.clearSince ??= step;
        if (step - state.clearSince >= cooldownSteps) st[field] = null;
      }
      return;
    }
    if (!holds || !warm || j === null) return;
    const alert = buildAlert(rule, st, step, count, j, o);
    const next: OpenState = {
      alert,
      refs: [...alert.sampleRefs],
      lastHeldStep: step,
      clearSince: null,
      peakSeverity: alert.suggestedSeverity,
    };
    st[field] = next;
    opened.push(alert);
  }

  /** Judges every live key for the window ending at bucket `step`; returns how many were live. */
  function evaluateAt(step: number, opened: Alert[]): number {
    const warm = step - firstStep >= warmupSteps;
    let live = 0;
    for (const st of keys.values()) {
      const hasWindow = st.lastSeenBucket >= step - windowBuckets;
      if (!hasWindow && st.spike === null && st.shift === null) {
        if (st.lastSeenBucket < step - ringBuckets) keys.delete(st.key);
        continue;
      }
      live += 1;
      const { window, baseline } = st.ring.sumsAt(step);
      const j = window.count >= minJudged ? judgeWindow(window, baseline, o) : null;
      stepRule(st, 'volume-spike', j?.spike ?? false, step, window.count, j, warm, opened);
      stepRule(st, 'sentiment-shift', j?.shift ?? false, step, window.count, j, warm, opened);
    }
    return live;
  }

  function advanceTo(bucket: number): Alert[] {
    const opened: Alert[] = [];
    if (lastStep === null || bucket <= lastStep) return opened;
    for (let step = lastStep + 1; step <= bucket; step++) {
      // Nothing live: nothing can change until the next mention, so jump to the last boundary
      // (still evaluated, to drop keys that went idle).
      if (evaluateAt(step, opened) === 0 && step < bucket - 1) step = bucket - 1;
    }
    lastStep = bucket;
    return opened;
  }

  function record(
    key: string,
    brand: string | null,
    topic: string | null,
    m: AlertMention,
    bucket: number,
  ): void {
    let st = keys.get(key);
    if (st === undefined) {
      if (keys.size >= o.maxKeys + evictSlack) evictKeys(keys, o.maxKeys, lastStep ?? bucket);
      st = createKeyState(key, brand, topic, sizes);
      keys.set(key, st);
    }
    if (!st.ring.add(bucket, m.negative)) return;
    if (bucket > st.lastSeenBucket) st.lastSeenBucket = bucket;
    st.sample.add(bucket, m.at, m.negative, m.ref);
    if (m.ref === undefined) return;
    if (st.spike !== null && st.spike.refs.length < o.maxSampleRefs) st.spike.refs.push(m.ref);
    if (m.negative && st.shift !== null && st.shift.refs.length < o.maxSampleRefs) {
      st.shift.refs.push(m.ref);
    }
  }

  return {
    add(m) {
      if (!Number.isFinite(m.at)) return [];
      const bucket = Math.floor(m.at / o.stepMs);
      let opened: Alert[] = [];
      // The whole stream silent for longer than window + baseline is a station that was off or
      // a collection gap, not a quiet world: warm up again rather than flag every key as new.
      if (bucket - lastMentionBucket > ringBuckets) firstStep = bucket;
      if (bucket > lastMentionBucket) lastMentionBucket = bucket;
      if (lastStep === null) lastStep = bucket;
      else if (bucket > lastStep) opened = advanceTo(bucket);
      const topic = m.topic === undefined || m.topic === null || m.topic === '' ? null : m.topic;
      if (m.brand !== null) record(m.brand, m.brand, null, m, bucket);
      if (topic !== null) record(alertKey(m.brand, topic), m.brand, topic, m, bucket);
      return opened;
    },
    flush(now) {
      return Number.isFinite(now) ? advanceTo(Math.floor(now / o.stepMs)) : [];
    },
    open() {
      const out: OpenAlert[] = [];
      for (const st of keys.values()) {
        for (const state of [st.spike, st.shift]) {
          if (state === null) continue;
          out.push({
            ...state.alert,
            sampleRefs: [...state.refs],
            lastHeldAt: state.lastHeldStep * o.stepMs,
            peakSeverity: state.peakSeverity,
          });
        }
      }
      return out.sort((a, b) => a.windowStart - b.windowStart || (a.id < b.id ? -1 : 1));
    },
    stats() {
      let openAlerts = 0;
      for (const st of keys.values()) {
        openAlerts += Number(st.spike !== null) + Number(st.shift !== null);
      }
      return { keys: keys.size, openAlerts };
    },
  };
}
