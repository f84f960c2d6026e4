import { shingles, similarityTokens } from './similarity-tokens';

/** Sent replies like a draft: how many reach the threshold, and the closest few. */
export type SimilarSent = {
  count: number;
  closest: { text: string; similarity: number }[];
};

/** One distinct reply form (replies equal once masked share it, counted by `sent`). */
type Form = { example: string; shingleCount: number; sent: number };

// How many of the closest sent replies `similarTo` returns as examples.
const CLOSEST = 3;

/**
 * Replies already sent, indexed for the near-duplicate check: exact Jaccard similarity of
 * 3-word shingle sets (Broder 1997, "On the resemblance and containment of documents") after
 * masking handles, numbers and links (see similarityTokens). An inverted index from shingle to
 * the forms holding it counts shared shingles for every candidate in one pass, so a query
 * touches only replies sharing at least one shingle; replies equal once masked (the same
 * template to a thousand people) are stored once with a count. Exact, so no MinHash error.
 */
export class SentIndex {
  private readonly forms: Form[] = [];
  private readonly formByKey = new Map<string, number>();
  private readonly shingleIds = new Map<string, number>();
  /** Shingle id → ids of the forms holding it. */
  private readonly postings: number[][] = [];
  /** Scratch: shared shingles per form during a query (kept to avoid allocating per keystroke). */
  private shared = new Uint32Array(64);
  private added = 0;

  /** Replies added so far (empty ones are not counted). */
  get size(): number {
    return this.added;
  }

  /** Records a sent reply. */
  add(text: string): void {
    const tokens = similarityTokens(text);
    if (tokens.length === 0) return;
    this.added++;
    const key = tokens.join(' ');
    const known = this.formByKey.get(key);
    if (known !== undefined) {
      const form = this.forms[known];
      if (form) form.sent++;
      return;
    }
    const id = this.forms.length;
    const set = shingles(tokens);
    this.forms.push({ example: text, shingleCount: set.size, sent: 1 });
    this.formByKey.set(key, id);
    for (const s of set) {
      let sid = this.shingleIds.get(s);
      if (sid === undefined) {
        sid = this.postings.length;
        this.shingleIds.set(s, sid);
        this.postings.push([]);
      }
      this.postings[sid]?.push(id);
    }
  }

  /** Sent replies whose similarity to `text` is at least `threshold` (0–1). */
  similarTo(text: string, threshold: number): SimilarSent {
    const query = shingles(similarityTokens(text));
    if (query.size === 0) return { count: 0, closest: [] };
    if (this.shared.length < this.forms.length)
      this.shared = new Uint32Array(Math.max(this.forms.length, this.shared.length * 2));
    const shared = this.shared;
    const touched: number[] = [];
    for (const s of query) {
      const sid = this.shingleIds.get(s);
      if (sid === undefined) continue;
      for (const id of this.postings[sid] ?? []) {
        if (shared[id] === 0) touched.push(id);
        shared[id] = (shared[id] ?? 0) + 1;
      }
    }
    let count = 0;
    const matches: { text: string; similarity: number }[] = [];
    for (const id of touched) {
      const both = shared[id] ?? 0;
      shared[id] = 0;
      const form = this.forms[id];
      if (!form) continue;
      const similarity = both / (query.size + form.shingleCount - both);
      if (similarity < threshold) continue;
      count += form.sent;
      matches.push({ text: form.example, similarity });
    }
    matches.sort((a, b) => b.similarity - a.similarity);
    return { count, closest: matches.slice(0, CLOSEST) };
  }
}
