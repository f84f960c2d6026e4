import type { VoiceSeverity } from './voice-schema';

/** Which kind of voice rule a finding comes from. */
export type VoiceRuleKind = 'banned' | 'disclaimer' | 'length' | 'tone' | 'personalisation';

/** One thing the voice check found in a draft. */
export type VoiceFinding = {
  rule: VoiceRuleKind;
  severity: VoiceSeverity;
  /** A plain sentence for the person writing ("'calm down' sounds dismissive: try …"). */
  message: string;
  /** The span of the draft it is about (UTF-16 offsets, end exclusive), for inline highlights. */
  start?: number;
  end?: number;
  /** Text the rules suggest in place of the span, for a one-click fix. */
  replacement?: string;
  /** For a personalisation warning: the closest replies already sent. */
  examples?: string[];
};

/** What the draft is: its language (BCP 47, e.g. 'tr' or 'pl-PL'), channel and topic tags. */
export type VoiceContext = { language: string; channel: string; topics: string[] };
