import { checkDisclaimers } from './check-disclaimers';
import { checkLength } from './check-length';
import { checkPhrases } from './check-phrases';
import { folderFor } from './fold-text';
import type { SentIndex } from './sent-index';
import { similarityTokens } from './similarity-tokens';
import type { VoiceContext, VoiceFinding } from './voice-finding';
import type { Personalisation, VoiceRules } from './voice-schema';

export type { VoiceContext, VoiceFinding, VoiceRuleKind } from './voice-finding';

/**
 * Checks a draft against a brand's voice rules: banned phrases, required disclaimers and
 * length limits (each blocks approval), tone and, when `sent` is given, copy-paste against
 * replies already sent (warnings). Pure and fast enough to run on every keystroke. Pass `sent`
 * for replies only: a public statement is meant to be the same for everyone.
 */
export function checkVoice(
  text: string,
  context: VoiceContext,
  rules: VoiceRules,
  sent?: SentIndex,
): VoiceFinding[] {
  const foldFor = folderFor(text);
  const findings = [
    ...checkPhrases(text, foldFor, context.language, rules.banned, 'banned'),
    ...checkDisclaimers(foldFor(context.language), context, rules.disclaimers),
    ...checkLength(text, context.channel, rules.length),
    ...checkPhrases(text, foldFor, context.language, rules.tone, 'tone'),
    ...(sent && rules.personalisation ? checkPersonal(text, rules.personalisation, sent) : []),
  ];
  // Blocking findings first, then in reading order; those without a span after those with.
  return findings.sort(
    (a, b) =>
      Number(a.severity === 'warn') - Number(b.severity === 'warn') ||
      (a.start ?? Number.MAX_SAFE_INTEGER) - (b.start ?? Number.MAX_SAFE_INTEGER),
  );
}

/** True when nothing found stops the draft from being approved. */
export function passesVoice(findings: VoiceFinding[]): boolean {
  return findings.every((f) => f.severity !== 'block');
}

/** A warning when at least `maxSimilarSent` sent replies are near-copies of the draft. */
function checkPersonal(text: string, p: Personalisation, sent: SentIndex): VoiceFinding[] {
  if (similarityTokens(text).length < p.minWords) return [];
  const { count, closest } = sent.similarTo(text, p.similarity);
  if (count < p.maxSimilarSent) return [];
  const best = Math.round((closest[0]?.similarity ?? p.similarity) * 100);
  return [
    {
      rule: 'personalisation',
      severity: 'warn',
      message: `${count} replies already sent are at least ${Math.round(p.similarity * 100)}% the same as this one (up to ${best}%, ignoring @handles, numbers and links): answer what this person actually said.`,
      examples: closest.map((c) => c.text),
    },
  ];
}
