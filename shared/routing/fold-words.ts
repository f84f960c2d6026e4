// Combining accents (Latin, Greek, Cyrillic after NFKD) and Arabic and Hebrew vowel points:
// marks a reader drops without changing the word. Indic vowel signs are letters' parts, so kept.
const ACCENTS =
  /[\u0300-\u036f]|[\u1ab0-\u1aff]|[\u1dc0-\u1dff]|[\u20d0-\u20ff]|[\ufe20-\ufe2f]|[\u0591-\u05c7]|[\u064b-\u065f]|\u0670/gu;

// Letters NFKD does not take apart although readers treat them as an accented base letter.
// Turkish ı folds to i, so İ, I, ı and i all match each other whatever the mention's language.
const LETTERS: Record<string, string> = {
  ı: 'i',
  ł: 'l',
  ø: 'o',
  đ: 'd',
  ħ: 'h',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ð: 'd',
  þ: 'th',
  ς: 'σ',
};
const SPECIAL = /[ıłøđħßæœðþς]/gu;
// Printable ASCII and common whitespace: folding is plain lowercasing.
const ASCII = /^[\t\n\r\u0020-\u007e]*$/;

/**
 * Text folded for matching: no case and no accents. Lowercasing uses the root locale on
 * purpose: after NFKD, Turkish İ is I + a dot that goes with the accents, and ı is mapped to i,
 * so "İADE", "IADE", "iade" and "ıade" fold alike without knowing the language.
 */
export function foldForMatch(text: string): string {
  if (ASCII.test(text)) return text.toLowerCase();
  return text
    .normalize('NFKD')
    .replace(ACCENTS, '')
    .toLowerCase()
    .replace(SPECIAL, (c) => LETTERS[c] ?? c);
}

// A word: letters (with the marks that are part of them, as in Hindi) and digits.
const WORD = /[\p{L}\p{M}\p{N}]+/gu;

/** The words of folded text, in order; punctuation, spaces and symbols separate them. */
export function wordsOf(folded: string): string[] {
  return folded.match(WORD) ?? [];
}

const ASCII_WORD = /[a-z0-9]+/g;

/** `wordsOf(foldForMatch(text))`, faster for plain ASCII text (most mentions). */
export function foldedWords(text: string): string[] {
  if (ASCII.test(text)) return text.toLowerCase().match(ASCII_WORD) ?? [];
  return wordsOf(foldForMatch(text));
}
