/** Placeholders for the parts of a reply that change per recipient. */
const MASK = { url: '<url>', email: '<email>', handle: '<handle>', number: '<n>' } as const;

// One pass, first alternative wins: links, then e-mail addresses, then @handles, then words.
const TOKEN = new RegExp(
  [
    /(?<url>(?:https?:\/\/|www\.)\S+)/u.source,
    /(?<email>[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+)/u.source,
    /(?<handle>@[\p{L}\p{N}_](?:[\p{L}\p{N}_.]*[\p{L}\p{N}_])?)/u.source,
    /(?<word>[\p{L}\p{N}]+)/u.source,
  ].join('|'),
  'gu',
);

/**
 * A reply reduced to what stays the same when it is copied and pasted: lowercase words without
 * accents (so "przepraszamy" typed on a US keyboard still counts), with links, e-mail addresses,
 * @handles and anything holding a digit (flight TK1985, 12:30, order #4411) masked, and a run
 * of such numbers kept as one. "Hi @ana, sorry about flight 123" and "Hi @bo, sorry about
 * flight 456" give the same tokens.
 */
export function similarityTokens(text: string): string[] {
  const plain = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ı/gu, 'i')
    .replace(/ł/gu, 'l');
  const tokens: string[] = [];
  for (const m of plain.matchAll(TOKEN)) {
    const g = m.groups ?? {};
    const token =
      g.url !== undefined
        ? MASK.url
        : g.email !== undefined
          ? MASK.email
          : g.handle !== undefined
            ? MASK.handle
            : /\p{N}/u.test(m[0])
              ? MASK.number
              : m[0];
    if (token === MASK.number && tokens[tokens.length - 1] === MASK.number) continue;
    tokens.push(token);
  }
  return tokens;
}

/** Shingle size: three words tell a template from a shared phrase like "sorry for the". */
export const SHINGLE_WORDS = 3;

/** The distinct runs of `SHINGLE_WORDS` tokens (a shorter reply is one shingle of itself). */
export function shingles(tokens: string[]): Set<string> {
  const out = new Set<string>();
  if (tokens.length === 0) return out;
  if (tokens.length <= SHINGLE_WORDS) out.add(tokens.join(' '));
  for (let i = 0; i + SHINGLE_WORDS <= tokens.length; i++)
    out.add(tokens.slice(i, i + SHINGLE_WORDS).join(' '));
  return out;
}
