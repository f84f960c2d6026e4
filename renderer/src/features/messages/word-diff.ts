/** One run of a word-level diff: kept, added in the new text, or removed from the old. */
export type DiffPart = { op: 'same' | 'add' | 'del'; text: string };

// Past this many cells the quadratic table costs more than the comparison is worth on a desk.
const MAX_CELLS = 4_000_000;

/** Words and the spaces between them, as separate tokens, so a diff re-joins into the texts. */
function tokens(text: string): string[] {
  return text.match(/\S+|\s+/g) ?? [];
}

/**
 * A word-level diff of two texts (longest common subsequence over words, Hunt–McIlroy style
 * table), or null when the texts are too long to compare here.
 */
export function wordDiff(before: string, after: string): DiffPart[] | null {
  const a = tokens(before);
  const b = tokens(after);
  if (a.length * b.length > MAX_CELLS) return null;
  // Any run of spaces or line breaks equals any other: a re-wrapped line is not a change.
  const key = (s: string) => (/^\s/.test(s) ? ' ' : s);
  const w = b.length + 1;
  const lcs = new Uint32Array((a.length + 1) * w);
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i * w + j] =
        key(a[i] ?? '') === key(b[j] ?? '')
          ? (lcs[(i + 1) * w + j + 1] ?? 0) + 1
          : Math.max(lcs[(i + 1) * w + j] ?? 0, lcs[i * w + j + 1] ?? 0);
  const out: DiffPart[] = [];
  const push = (op: DiffPart['op'], text: string) => {
    const last = out.at(-1);
    if (last?.op === op) last.text += text;
    else out.push({ op, text });
  };
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (key(a[i] ?? '') === key(b[j] ?? '')) {
      push('same', b[j] ?? '');
      i++;
      j++;
    } else if ((lcs[(i + 1) * w + j] ?? 0) >= (lcs[i * w + j + 1] ?? 0)) push('del', a[i++] ?? '');
    else push('add', b[j++] ?? '');
  }
  while (i < a.length) push('del', a[i++] ?? '');
  while (j < b.length) push('add', b[j++] ?? '');
  return out;
}
