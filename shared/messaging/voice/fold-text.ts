import { forEachGrapheme, stretches } from './graphemes';

/** Text prepared for case-insensitive matching, with the way back to offsets in the original. */
export type FoldedText = {
  /** Lowercased with the language's own rules (Turkish İ→i and I→ı), NFC, straight quotes. */
  text: string;
  /** For each code unit of `text`: where the character it came from starts in the original. */
  starts: number[];
  /** …and where that character ends. */
  ends: number[];
};

/** The primary language subtag, lowercased: 'tr-TR' → 'tr'. */
export function primaryLanguage(language: string): string {
  return (language.split(/[-_]/)[0] ?? '').toLowerCase();
}

/** A locale for `toLocaleLowerCase`, or undefined (root rules) for 'und' or a malformed tag. */
export function localeOf(language: string): string | undefined {
  const primary = primaryLanguage(language);
  if (!/^[a-z]{2,3}$/.test(primary) || primary === 'und') return undefined;
  try {
    return Intl.getCanonicalLocales(primary)[0];
  } catch {
    return undefined;
  }
}

/**
 * Folds a piece of text. Lowercasing is locale-aware because Turkish and Azeri pair İ/i and
 * I/ı; elsewhere İ lowercases to i + U+0307, so we fold it as I instead, and "İSTANBUL" still
 * matches "istanbul" (and the length stays the same). Final sigma folds like any sigma, and
 * curly apostrophes and quotes like straight ones.
 */
function fold(piece: string, locale: string | undefined): string {
  const turkic = locale === 'tr' || locale === 'az';
  return (turkic ? piece.normalize('NFC') : piece.normalize('NFC').replace(/İ/gu, 'I'))
    .toLocaleLowerCase(locale)
    .replace(/(?<=[ij])\u0307/gu, '')
    .replace(/ς/gu, 'σ')
    .replace(/[‘’ʼ]/gu, "'")
    .replace(/[“”„]/gu, '"');
}

/**
 * Folds `text` for matching in `language`, keeping an offset map. Simple stretches (see
 * graphemes.ts) fold in one call when that keeps their length, so each code unit maps to
 * itself; otherwise each grapheme folds on its own, which also lets a decomposed "ś"
 * (s + U+0301) match a composed one.
 */
export function foldText(text: string, language: string): FoldedText {
  const locale = localeOf(language);
  const parts: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const add = (folded: string, start: number, end: number) => {
    parts.push(folded);
    for (let i = 0; i < folded.length; i++) {
      starts.push(start);
      ends.push(end);
    }
  };
  for (const s of stretches(text)) {
    const piece = text.slice(s.start, s.end);
    const folded = s.simple ? fold(piece, locale) : undefined;
    if (folded !== undefined && folded.length === piece.length) {
      parts.push(folded);
      for (let i = s.start; i < s.end; i++) {
        starts.push(i);
        ends.push(i + 1);
      }
    } else
      forEachGrapheme(piece, (start, end) =>
        add(fold(piece.slice(start, end), locale), s.start + start, s.start + end),
      );
  }
  return { text: parts.join(''), starts, ends };
}

/** `text` folded per language on demand, once per distinct locale. */
export type Folder = (language: string) => FoldedText;

/** A Folder for `text`: rules for all languages and for the draft's own can share one fold. */
export function folderFor(text: string): Folder {
  const byLocale = new Map<string, FoldedText>();
  return (language) => {
    // Only these locales lowercase differently from the root (ICU SpecialCasing): Turkish,
    // Azeri and Lithuanian. Every other language shares one fold.
    const locale = localeOf(language) ?? '';
    const key = ['tr', 'az', 'lt'].includes(locale) ? locale : '';
    let folded = byLocale.get(key);
    if (!folded) byLocale.set(key, (folded = foldText(text, language)));
    return folded;
  };
}
