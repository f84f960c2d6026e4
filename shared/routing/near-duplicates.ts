import { foldForMatch, wordsOf } from './fold-words';
import type { NearDuplicateSettings } from './routing-schema';

/**
 * Near-duplicate mentions for bulk answering (a wave of the same question). Texts are reduced
 * to words (no case, accents, @handles, links, e-mail addresses or anything holding a digit,
 * so "UA123" and "UA456" read the same), cut into word shingles, and compared by Jaccard
 * similarity. Grouping is leader clustering: in the order given, a mention joins the most
 * similar group leader at or above the threshold, else leads a new group, so a group never
 * chains through intermediate texts and every member is close to its representative.
 * Candidates come from the prefix filter of Bayardo, Ma & Srikant, "Scaling Up All Pairs
 * Similarity Search" (WWW 2007): with shingles ordered rarest first, two sets with Jaccard ≥ t
 * share a shingle among the first |x| − ⌈t·|x|⌉ + 1 of each, so only those are indexed.
 */

/** A group of near-duplicates: the representative (the first given) and every member. */
export type NearDuplicateGroup<T> = { representative: T; members: T[] };

const DEFAULTS: NearDuplicateSettings & { minGroupSize: number } = {
  similarity: 0.6,
  shingleWords: 2,
  minGroupSize: 2,
};

// Removed before words are taken: links, e-mail addresses, @handles.
const NOISE =
  /(?:https?:\/\/|www\.)\S+|[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+|@[\p{L}\p{N}_]+/gu;
const HAS_DIGIT = /\p{N}/u;

/** The words of a mention that say what it asks, the same for every copy of the question. */
export function comparableWords(text: string): string[] {
  const out: string[] = [];
  let previousKept = false;
  for (const w of wordsOf(foldForMatch(text).replace(NOISE, ' '))) {
    if (!HAS_DIGIT.test(w)) {
      out.push(w);
      previousKept = true;
      continue;
    }
    // A short code right before a number is part of it: "UA 4410" reads like "UA4410".
    if (previousKept && (out[out.length - 1] as string).length <= 3) out.pop();
    previousKept = false;
  }
  return out;
}

/** The distinct runs of `size` words (a shorter text is one shingle of itself). */
export function wordShingles(words: readonly string[], size: number): Set<string> {
  const out = new Set<string>();
  if (words.length > 0 && words.length <= size) out.add(words.join(' '));
  for (let i = 0; i + size <= words.length; i++) out.add(words.slice(i, i + size).join(' '));
  return out;
}

/** Jaccard similarity of two sorted lists of distinct numbers. */
function jaccardSorted(a: Int32Array, b: Int32Array): number {
  let i = 0;
  let j = 0;
  let both = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) both++;
    if (x <= y) i++;
    if (y <= x) j++;
  }
  return both / (a.length + b.length - both);
}

/**
 * Groups near-duplicate mentions (give them oldest first: the first of a group represents it).
 * Groups smaller than `minGroupSize` are left out; the biggest groups come first. Mentions with
 * no comparable words (only handles, links or emoji) are never grouped.
 */
export function groupNearDuplicates<T extends { text: string }>(
  mentions: readonly T[],
  options: Partial<NearDuplicateSettings & { minGroupSize: number }> = {},
): NearDuplicateGroup<T>[] {
  const { similarity: t, shingleWords, minGroupSize } = { ...DEFAULTS, ...options };
  const sets = mentions.map((m) => wordShingles(comparableWords(m.text), shingleWords));
  // Shingles as numbers ranked rarest first (first seen first among equals), so prefixes hold
  // rare shingles and candidate lists stay short.
  const idOf = new Map<string, number>();
  const count: number[] = [];
  const idSets = sets.map((set) =>
    Int32Array.from(set, (s) => {
      let id = idOf.get(s);
      if (id === undefined) idOf.set(s, (id = count.push(0) - 1));
      count[id] = (count[id] as number) + 1;
      return id;
    }),
  );
  const rank = new Int32Array(count.length);
  Array.from(count.keys())
    .sort((a, b) => (count[a] as number) - (count[b] as number) || a - b)
    .forEach((id, r) => (rank[id] = r));
  const ranked = idSets.map((ids) => ids.map((id) => rank[id] as number).sort());
  // A hair below t, so float error (0.7 × 10 = 7.000000000000001) never loses an exact match.
  const least = t - 1e-9;
  const prefixOf = (n: number) => n - Math.ceil(least * n) + 1;
  const leaders: { index: number; members: T[] }[] = [];
  const byShingle = new Map<number, number[]>(); // shingle rank → leader numbers
  ranked.forEach((x, index) => {
    if (x.length === 0) return;
    let best = -1;
    let bestSimilarity = 0;
    const tried = new Set<number>();
    for (let k = 0; k < prefixOf(x.length); k++)
      for (const g of byShingle.get(x[k] as number) ?? []) {
        if (tried.has(g)) continue;
        tried.add(g);
        const y = ranked[(leaders[g] as { index: number }).index] as Int32Array;
        if (y.length < least * x.length || x.length < least * y.length) continue;
        const s = jaccardSorted(x, y);
        if (s >= least && (s > bestSimilarity || (s === bestSimilarity && g < best))) {
          best = g;
          bestSimilarity = s;
        }
      }
    const mention = mentions[index] as T;
    if (best >= 0) {
      (leaders[best] as { members: T[] }).members.push(mention);
      return;
    }
    const g = leaders.push({ index, members: [mention] }) - 1;
    for (let k = 0; k < prefixOf(x.length); k++) {
      const list = byShingle.get(x[k] as number);
      if (list) list.push(g);
      else byShingle.set(x[k] as number, [g]);
    }
  });
  return leaders
    .filter((l) => l.members.length >= minGroupSize)
    .map((l) => ({ representative: mentions[l.index] as T, members: l.members }))
    .sort((a, b) => b.members.length - a.members.length);
}

/**
 * The candidates near-duplicate to `target` under the settings (Jaccard of word shingles at or
 * above the similarity), most alike first, then in the order given. The target itself and
 * candidates with no comparable words are left out.
 */
export function alikeTo<T extends { text: string }>(
  target: T,
  candidates: readonly T[],
  options: Partial<NearDuplicateSettings> = {},
): { item: T; similarity: number }[] {
  const { similarity: t, shingleWords } = { ...DEFAULTS, ...options };
  const x = wordShingles(comparableWords(target.text), shingleWords);
  if (x.size === 0) return [];
  const least = t - 1e-9;
  const out: { item: T; similarity: number; at: number }[] = [];
  candidates.forEach((c, at) => {
    if (c === target) return;
    const y = wordShingles(comparableWords(c.text), shingleWords);
    if (y.size < least * x.size || x.size < least * y.size) return;
    let both = 0;
    for (const s of y) if (x.has(s)) both++;
    const similarity = both / (x.size + y.size - both);
    if (similarity >= least) out.push({ item: c, similarity, at });
  });
  return out
    .sort((a, b) => b.similarity - a.similarity || a.at - b.at)
    .map(({ item, similarity }) => ({ item, similarity }));
}

/**
 * Words to look candidates up by (an OR query on a word index) so that no near-duplicate of
 * `text` is missed: least common first (by `commonness`, e.g. how many texts hold a word), until
 * texts holding none of them cannot reach the similarity. Each chosen word w removes every
 * shingle holding w from what a text without it could share; once more than (1 − t)·|shingles|
 * are gone, such a text's Jaccard is below t (the union is at least |shingles|). Words
 * `commonness` does not know (undefined: the index cannot look them up) are never chosen; when
 * the known ones cannot rule enough out, every known word is returned (best effort), and none
 * for a text with no words. The order only makes the lookup narrower: none alike is missed.
 */
export function lookupWords(
  text: string,
  commonness: (word: string) => number | undefined,
  options: Partial<NearDuplicateSettings> = {},
): string[] {
  const { similarity: t, shingleWords } = { ...DEFAULTS, ...options };
  const words = comparableWords(text);
  const shingles = [...wordShingles(words, shingleWords)].map((s) => new Set(s.split(' ')));
  const known = [...new Set(words)]
    .map((w) => ({ w, n: commonness(w) }))
    .filter((x): x is { w: string; n: number } => x.n !== undefined)
    .sort((a, b) => a.n - b.n || (a.w < b.w ? -1 : 1));
  // Strictly more than this many gone: below t even with alikeTo's float slack.
  const mustRemove = (1 - t + 1e-9) * shingles.length;
  const chosen: string[] = [];
  let removed = 0;
  const gone = new Array<boolean>(shingles.length).fill(false);
  for (const { w } of known) {
    chosen.push(w);
    shingles.forEach((s, i) => {
      if (!gone[i] && s.has(w)) {
        gone[i] = true;
        removed++;
      }
    });
    if (removed > mustRemove) return chosen;
  }
  return chosen;
}
