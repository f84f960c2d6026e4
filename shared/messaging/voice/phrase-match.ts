import { foldText, type FoldedText } from './fold-text';

/** Where a phrase was found, as offsets into the original text (end exclusive). */
export type Span = { start: number; end: number };

// Letters, combining marks and digits in any script: what "inside a word" means here.
const WORD_CHAR = '[\\p{L}\\p{M}\\p{N}]';
const IS_WORD_CHAR = new RegExp(`^${WORD_CHAR}$`, 'u');

// Compiled phrases, shared across calls: checks run on every keystroke with the same rules.
const cache = new Map<string, RegExp>();
const CACHE_LIMIT = 5000;

function escapeRegExp(s: string): string {
  // Only syntax characters: with the `u` flag, escaping anything else is a syntax error.
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * The pattern for a phrase in `language`: folded like the text, words separated by any run of
 * whitespace, anchored on word boundaries where the phrase starts or ends with a word
 * character. With `wildcards`, a word ending in `*` matches any ending.
 */
function phrasePattern(phrase: string, language: string, wildcards: boolean): RegExp {
  const key = `${wildcards ? 1 : 0}\u0000${language}\u0000${phrase}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const words = foldText(phrase.trim(), language).text.split(/\s+/u);
  const body = words
    .map((w) =>
      wildcards && w.endsWith('*')
        ? `${escapeRegExp(w.slice(0, -1))}${WORD_CHAR}*`
        : escapeRegExp(w),
    )
    .join('\\s+');
  const firstChar = [...(words[0] ?? '')][0] ?? '';
  const lastWord = words[words.length - 1] ?? '';
  const endsInWord =
    (wildcards && lastWord.endsWith('*')) || IS_WORD_CHAR.test([...lastWord].at(-1) ?? '');
  const pattern = new RegExp(
    `${IS_WORD_CHAR.test(firstChar) ? `(?<!${WORD_CHAR})` : ''}${body}${
      endsInWord ? `(?!${WORD_CHAR})` : ''
    }`,
    'gu',
  );
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, pattern);
  return pattern;
}

/** Every place `phrase` occurs in the folded text, case-insensitively on word boundaries. */
export function findPhrase(
  folded: FoldedText,
  phrase: string,
  language: string,
  options: { wildcards: boolean },
): Span[] {
  const spans: Span[] = [];
  for (const m of folded.text.matchAll(phrasePattern(phrase, language, options.wildcards))) {
    const last = m.index + m[0].length - 1;
    spans.push({ start: folded.starts[m.index] ?? 0, end: folded.ends[last] ?? 0 });
  }
  return spans;
}
