/** The words the review charts show: the desk passes its i18n strings, the exported report these. */
export type ChartLabels = {
  mentions: string;
  /** Series name for mentions without the split key (no channel…). */
  otherKey: string;
  incident: string;
  meanScore: string;
  negativeShare: string;
  answered: string;
  withinTarget: string;
  beyondTarget: string;
  waiting: string;
  oldestWaiting: string;
  needed: string;
  present: string;
  /** A duration, short ("5 min", "2 h", "1 d"). */
  duration: (seconds: number) => string;
  /** A histogram bucket: answered within `bound` ("≤ 5 min"), or slower than the last ("> 24 h"). */
  upTo: (bound: string) => string;
  longer: (bound: string) => string;
  /** A series' name for a split key (a channel's name in the UI language). */
  keyName: (key: string) => string;
};

/** A short English duration: seconds, minutes, hours or days, whichever reads best. */
export function englishDuration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.round(s / 60)} min`;
  if (s < 86_400) return `${Math.round((s / 3600) * 10) / 10} h`;
  return `${Math.round((s / 86_400) * 10) / 10} d`;
}

/** The charts' English words (the exported report's, and the desk's until i18n gives others). */
export const CHART_LABELS_EN: ChartLabels = {
  mentions: 'Mentions',
  otherKey: 'Other',
  incident: 'Incident',
  meanScore: 'Mean sentiment',
  negativeShare: 'Negative share',
  answered: 'Answered',
  withinTarget: 'Within target',
  beyondTarget: 'Beyond target',
  waiting: 'Waiting',
  oldestWaiting: 'Oldest waiting',
  needed: 'Staff needed',
  present: 'Staff present',
  duration: englishDuration,
  upTo: (bound) => `≤ ${bound}`,
  longer: (bound) => `> ${bound}`,
  keyName: (key) => key,
};
