import type { Severity } from '../playbooks/severity';
import type { Alert } from './alert-types';
import { BucketRing } from './bucket-ring';
import { RecentSample } from './recent-sample';

/** An alert that is open on a key, with what has happened since it opened. */
export type OpenState = {
  alert: Alert;
  /** Sample refs, growing while open up to the cap. */
  refs: string[];
  /** Last step (bucket number of the window's end) at which the rule held. */
  lastHeldStep: number;
  /** First step of the current run of steps at which the rule has not held, if any. */
  clearSince: number | null;
  peakSeverity: Severity;
};

/** Everything the detector keeps for one watched key. */
export type KeyState = {
  key: string;
  brand: string | null;
  topic: string | null;
  ring: BucketRing;
  sample: RecentSample;
  /** Newest bucket that received a mention of this key. */
  lastSeenBucket: number;
  spike: OpenState | null;
  shift: OpenState | null;
};

/** The watched key for a brand alone, or for a brand's topic (`* › topic` without a brand). */
export function alertKey(brand: string | null, topic: string | null): string {
  if (topic === null) return brand ?? '*';
  return `${brand ?? '*'} › ${topic}`;
}

/** A fresh key with an empty ring of `ringBuckets` and a sample over `windowBuckets`. */
export function createKeyState(
  key: string,
  brand: string | null,
  topic: string | null,
  sizes: { ringBuckets: number; windowBuckets: number; refsPerBucket: number },
): KeyState {
  return {
    key,
    brand,
    topic,
    ring: new BucketRing(sizes.ringBuckets, sizes.windowBuckets),
    sample: new RecentSample(sizes.windowBuckets, sizes.refsPerBucket),
    lastSeenBucket: -Infinity,
    spike: null,
    shift: null,
  };
}

/**
 * Keeps the `keep` keys that matter most and drops the rest: keys with an open alert first, then
 * the most mentions over the ring, then the most recently seen, then by key so every station
 * drops the same ones. Rolls each ring forward to `bucket` first so stale counts do not count.
 */
export function evictKeys(keys: Map<string, KeyState>, keep: number, bucket: number): void {
  const all = [...keys.values()];
  for (const st of all) st.ring.advance(bucket);
  all.sort(
    (a, b) =>
      Number(b.spike !== null || b.shift !== null) - Number(a.spike !== null || a.shift !== null) ||
      b.ring.total - a.ring.total ||
      b.lastSeenBucket - a.lastSeenBucket ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
  for (let i = keep; i < all.length; i++) keys.delete((all[i] as KeyState).key);
}
