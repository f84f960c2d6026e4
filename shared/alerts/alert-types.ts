import type { Severity } from '../playbooks/severity';

/** One mention as the detector sees it: when, what it is about, and whether it reads negative. */
export type AlertMention = {
  /** Event time in ms since the epoch (when it happened at the source). */
  at: number;
  brand: string | null;
  topic?: string | null;
  negative: boolean;
  /** The mention's id, kept in a bounded sample so an alert can point at what caused it. */
  ref?: string;
};

/** The rules an alert can come from. */
export const ALERT_RULES = ['volume-spike', 'sentiment-shift'] as const;
/** A rule's name. */
export type AlertRule = (typeof ALERT_RULES)[number];

/** What every alert reports about its key and window. */
export type AlertBase = {
  /** `rule:key:windowStart` (key URI-encoded, start as ISO 8601): equal on every station. */
  id: string;
  rule: AlertRule;
  /** The watched key: the brand, or `brand › topic` (`* › topic` when there is no brand). */
  key: string;
  brand: string | null;
  topic: string | null;
  /** The window that tripped the rule, [windowStart, windowEnd) in ms. */
  windowStart: number;
  windowEnd: number;
  /** Mentions in the window. */
  count: number;
  /** Mean mentions per hour over the baseline span before the window. */
  baselinePerHour: number;
  /** count / the count the baseline predicts for the window (baseline floored, see options). */
  ratio: number;
  /** Share of the window's mentions that are negative. */
  negativeShare: number;
  suggestedSeverity: Severity;
  /** Event time of the earliest mention in the window. */
  firstMentionAt: number;
  /** Up to `maxSampleRefs` mention refs from the window (and after, while the alert is open). */
  sampleRefs: string[];
};

/** A key is getting far more mentions than its baseline explains. */
export type VolumeSpikeAlert = AlertBase & {
  rule: 'volume-spike';
  /** P(X ≥ count) under Poisson(baseline rate × window); 0 when it underflows. */
  pValue: number;
};

/** A key's mentions turned negative compared with its baseline. */
export type SentimentShiftAlert = AlertBase & {
  rule: 'sentiment-shift';
  /** Two-proportion z of the window's negative share against the baseline's. */
  z: number;
  baselineNegativeShare: number;
};

/** An alert, as opened. */
export type Alert = VolumeSpikeAlert | SentimentShiftAlert;

/** An alert still open: its opening snapshot plus how it has gone since. */
export type OpenAlert = Alert & {
  /** End of the last window in which the rule still held. */
  lastHeldAt: number;
  /** The most severe suggestion over every window that held (a growing spike escalates). */
  peakSeverity: Severity;
};
