import { foldForMatch, wordsOf } from './fold-words';

/** One word of a keyword: folded, and whether it matches any ending (`avukat*`). */
type WordPattern = { word: string; stem: boolean };

/** Stems (`avukat*`) index by their first letters, so a stem needs at least this many. */
export const MIN_STEM_CHARS = 3;

/**
 * A keyword split into folded words, or null when it has none (only punctuation). A word
 * ending in `*` matches any ending, which inflected languages need (Turkish avukatım, davası).
 */
export function keywordWords(keyword: string): WordPattern[] | null {
  const out: WordPattern[] = [];
  for (const raw of keyword.trim().split(/\s+/u)) {
    const stem = raw.endsWith('*');
    const words = wordsOf(foldForMatch(stem ? raw.slice(0, -1) : raw));
    words.forEach((word, i) => out.push({ word, stem: stem && i === words.length - 1 }));
  }
  return out.length > 0 ? out : null;
}

/** Keywords compiled once: each has an id, and `hits` finds all of them in a mention at once. */
export type KeywordIndex = {
  /** Adds a keyword (the same folded keyword twice gets one id) and returns its id. */
  add(keyword: string): number;
  /**
   * Which keywords occur in these words (from `wordsOf`), as a flag per id. The array is the
   * index's own and is overwritten by the next call: copy what must outlive it.
   */
  hits(words: readonly string[]): Uint8Array;
};

/**
 * An index from a keyword's first word to the keywords starting with it: exact words by the
 * word, stems by their first letters. Finding every keyword costs one or two map lookups per
 * word of the mention, however many rules there are.
 */
export function createKeywordIndex(): KeywordIndex {
  const patterns: WordPattern[][] = [];
  const ids = new Map<string, number>();
  const byWord = new Map<string, number[]>();
  const byStemStart = new Map<number, number[]>();
  // Reused by every call: allocating a typed array per mention cost routing more than the lookups.
  let found = new Uint8Array(0);
  const push = <K>(map: Map<K, number[]>, key: K, id: number) => {
    const list = map.get(key);
    if (list) list.push(id);
    else map.set(key, [id]);
  };
  const matchesAt = (words: readonly string[], at: number, pattern: WordPattern[]) => {
    if (at + pattern.length > words.length) return false;
    for (let k = 0; k < pattern.length; k++) {
      const p = pattern[k] as WordPattern;
      const w = words[at + k] as string;
      if (p.stem ? !w.startsWith(p.word) : w !== p.word) return false;
    }
    return true;
  };
  return {
    add(keyword) {
      const words = keywordWords(keyword);
      if (!words) throw new Error(`keyword '${keyword}' has no letters or digits`);
      const key = words.map((w) => (w.stem ? `${w.word}*` : w.word)).join(' ');
      const known = ids.get(key);
      if (known !== undefined) return known;
      const first = words[0] as WordPattern;
      if (first.stem && first.word.length < MIN_STEM_CHARS)
        throw new Error(`'${keyword}': a stem needs at least ${MIN_STEM_CHARS} letters`);
      const id = patterns.length;
      patterns.push(words);
      ids.set(key, id);
      if (first.stem) push(byStemStart, startKey(first.word), id);
      else push(byWord, first.word, id);
      return id;
    },
    hits(words) {
      if (found.length === patterns.length) found.fill(0);
      else found = new Uint8Array(patterns.length);
      for (let i = 0; i < words.length; i++) {
        const w = words[i] as string;
        for (const id of byWord.get(w) ?? NONE)
          if (!found[id] && matchesAt(words, i, patterns[id] as WordPattern[])) found[id] = 1;
        if (w.length < MIN_STEM_CHARS) continue;
        for (const id of byStemStart.get(startKey(w)) ?? NONE)
          if (!found[id] && matchesAt(words, i, patterns[id] as WordPattern[])) found[id] = 1;
      }
      return found;
    },
  };
}

const NONE: readonly number[] = [];

/** A word's first three UTF-16 units as one number: a map key that costs no string slice. */
function startKey(word: string): number {
  return (word.charCodeAt(0) * 0x10000 + word.charCodeAt(1)) * 0x10000 + word.charCodeAt(2);
}
