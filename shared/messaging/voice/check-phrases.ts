import { localeOf, primaryLanguage, type Folder } from './fold-text';
import { findPhrase } from './phrase-match';
import type { VoiceFinding } from './voice-finding';
import { ALL_LANGUAGES, type PhraseRule, type PhrasesByLanguage } from './voice-schema';

/** The two phrase lists, and how each reads when a rule gives no reason or severity. */
const LISTS = {
  banned: {
    severity: 'block',
    reason: "is not allowed in this brand's messages",
    advice: 'rephrase it',
  },
  tone: {
    severity: 'warn',
    reason: 'can read as cold or defensive',
    advice: 'consider rephrasing',
  },
} as const;

/**
 * The rules of a list that apply in `language`, each with the language to fold in: a rule for
 * one language folds as that language (Turkish I is ı), a rule for all languages as none ('und').
 */
function rulesFor(
  lists: PhrasesByLanguage,
  language: string,
): { rule: PhraseRule; foldAs: string }[] {
  const own = primaryLanguage(language);
  return [
    ...(lists[ALL_LANGUAGES] ?? []).map((rule) => ({ rule, foldAs: 'und' })),
    ...(own === ALL_LANGUAGES ? [] : (lists[own] ?? [])).map((rule) => ({ rule, foldAs: own })),
  ];
}

/** The suggestion, capitalised like the words it replaces (a sentence start stays one). */
function matchCase(suggestion: string, replaced: string, language: string): string {
  const first = replaced[0] ?? '';
  const locale = localeOf(language);
  if (first === first.toLocaleLowerCase(locale)) return suggestion;
  return suggestion.charAt(0).toLocaleUpperCase(locale) + suggestion.slice(1);
}

/** Findings for every banned or tone phrase in the draft (each place it occurs). */
export function checkPhrases(
  text: string,
  foldFor: Folder,
  language: string,
  lists: PhrasesByLanguage,
  list: keyof typeof LISTS,
): VoiceFinding[] {
  const defaults = LISTS[list];
  const findings: VoiceFinding[] = [];
  const seen = new Set<string>();
  for (const { rule, foldAs } of rulesFor(lists, language)) {
    const spans = findPhrase(foldFor(foldAs), rule.phrase, foldAs, { wildcards: true });
    for (const { start, end } of spans) {
      // The same phrase may be listed for all languages and for this one: report it once.
      const key = `${start}:${end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const said = text.slice(start, end);
      const quoted = said.replace(/\s+/gu, ' ');
      const reason = (rule.reason ?? defaults.reason).replace(/[\s.!]+$/u, '');
      const advice = rule.suggest ? `try '${rule.suggest}'` : defaults.advice;
      findings.push({
        rule: list,
        severity: rule.severity ?? defaults.severity,
        message: `'${quoted}' ${reason}: ${advice}.`,
        start,
        end,
        ...(rule.suggest ? { replacement: matchCase(rule.suggest, said, language) } : {}),
      });
    }
  }
  return findings;
}
