import iconv from 'iconv-lite';

/** What the last answer of a feed said about its version (sent back as conditional headers). */
export type FeedValidators = { etag: string | null; lastModified: string | null };

/** A feed fetched: unchanged (304), or its text decoded and the new validators. */
export type FeedFetch =
  | { changed: false }
  | { changed: true; text: string; encoding: string; validators: FeedValidators };

/** Largest feed read (the Guardian's full feed is 150 KB). */
export const MAX_FEED_BYTES = 10 * 1024 * 1024;
const TIMEOUT_MS = 30_000;
const USER_AGENT = 'Holdline (feed connector; +https://github.com/holdline)';

/**
 * Which encoding feed bytes are in: a byte order mark, else the HTTP charset, else the XML
 * declaration's encoding (RFC 7303 §3.2 puts the charset parameter first), else UTF-8 when the
 * bytes are valid UTF-8, else windows-1252 — what browsers assume of undeclared 8-bit text, and
 * what old Latin feeds (UOL's, served without a declaration) turn out to be.
 */
export function encodingOf(bytes: Buffer, contentType: string | null): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  const declared = [
    /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType ?? '')?.[1],
    /^\s*<\?xml[^>]*\sencoding\s*=\s*["']([\w.:-]+)["']/.exec(
      bytes.subarray(0, 512).toString('latin1'),
    )?.[1],
  ].find((e): e is string => e !== undefined && iconv.encodingExists(e));
  if (declared) return declared.toLowerCase();
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

/** Decodes feed bytes to text (see encodingOf), without a byte order mark. */
export function decodeFeed(
  bytes: Buffer,
  contentType: string | null,
): { text: string; encoding: string } {
  const encoding = encodingOf(bytes, contentType);
  return { text: iconv.decode(bytes, encoding, { stripBOM: true }), encoding };
}

/** Why a fetch failed, in words (fetch itself only says "fetch failed"). */
function reasonOf(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (err as Error).message;
}

async function readCapped(res: Response): Promise<Buffer> {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > MAX_FEED_BYTES)
    throw new Error(`the feed is over ${MAX_FEED_BYTES / 1024 / 1024} MB`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.length;
    if (size > MAX_FEED_BYTES)
      throw new Error(`the feed is over ${MAX_FEED_BYTES / 1024 / 1024} MB`);
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

/**
 * GETs a feed with If-None-Match / If-Modified-Since from the last answer, so an unchanged feed
 * costs a 304 and no parsing. Throws, in words, on network errors and non-2xx answers.
 */
export async function fetchFeed(
  url: string,
  last: FeedValidators | undefined,
  signal: AbortSignal,
): Promise<FeedFetch> {
  const headers: Record<string, string> = {
    'user-agent': USER_AGENT,
    accept:
      'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5',
  };
  if (last?.etag) headers['if-none-match'] = last.etag;
  if (last?.lastModified) headers['if-modified-since'] = last.lastModified;
  let res: Response;
  try {
    res = await fetch(url, {
      headers,
      redirect: 'follow',
      signal: AbortSignal.any([signal, AbortSignal.timeout(TIMEOUT_MS)]),
    });
  } catch (err) {
    throw new Error(`could not reach ${url}: ${reasonOf(err)}`);
  }
  if (res.status === 304) {
    await res.body?.cancel();
    return { changed: false };
  }
  if (!res.ok) {
    await res.body?.cancel();
    throw new Error(
      `${url} answered HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`,
    );
  }
  const bytes = await readCapped(res);
  return {
    changed: true,
    ...decodeFeed(bytes, res.headers.get('content-type')),
    validators: { etag: res.headers.get('etag'), lastModified: res.headers.get('last-modified') },
  };
}
