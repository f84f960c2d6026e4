import { createHash } from 'node:crypto';
import { compile } from 'html-to-text';
import Parser from 'rss-parser';
import {
  MAX_TEXT_CHARS,
  MentionInputSchema,
  type Channel,
  type MentionInput,
} from '../../../../shared/domain/mention';

/** How entries of one feed become mentions. */
export type FeedOptions = {
  feedUrl: string;
  channel: Channel;
  brand?: string | undefined;
  /** When an entry says nothing of its time: when it was first seen. */
  now: () => Date;
};

/** A feed's entries as mentions, and the entries that could not be one (no title nor text). */
export type FeedEntries = { title: string | null; mentions: MentionInput[]; skipped: string[] };

type Entry = Parser.Item & {
  id?: string;
  author?: string;
  'dc:creator'?: string;
  'rdf:about'?: string;
  'content:encoded'?: string;
};

// An <rss> root without a version (UOL's feed) is read as RSS 2.0, as feed readers do.
const parser = new Parser({ defaultRSS: 2 });
// Links and images say nothing an operator reads; line breaks are kept, words are not wrapped.
const toText = compile({
  wordwrap: false,
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    { selector: 'h1', options: { uppercase: false } },
    { selector: 'h2', options: { uppercase: false } },
    { selector: 'h3', options: { uppercase: false } },
    { selector: 'h4', options: { uppercase: false } },
    { selector: 'ul', options: { itemPrefix: '• ' } },
    { selector: 'table', format: 'block' },
    { selector: 'tr', format: 'block' },
    { selector: 'td', format: 'inline' },
  ],
});

const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;

// Ids meant to be unique across the whole web (URLs, tag: and urn: URIs) identify an entry
// whatever feed carries it; any other guid ("12345") only within its feed.
const GLOBAL_ID = /^(?:[a-z][a-z0-9+.-]*:\/\/|tag:|urn:)/i;

/**
 * An entry's external id: a stable hash of its guid, Atom id, RDF about or link (the first
 * there), scoped by the feed's URL unless globally unique; an entry with none of them is
 * identified by its title, date and text. Hashed, so a long URL fits the 256-character limit.
 */
export function entryIdOf(entry: Entry, feedUrl: string): string {
  const key = str(entry.guid) ?? str(entry.id) ?? str(entry['rdf:about']) ?? str(entry.link);
  const scoped = key
    ? GLOBAL_ID.test(key)
      ? key
      : `${feedUrl}\n${key}`
    : `${feedUrl}\n${entry.title ?? ''}\n${entry.isoDate ?? ''}\n${entry.content ?? ''}`;
  return `rss-${createHash('sha256').update(scoped).digest('hex').slice(0, 40)}`;
}

const STILL_HTML = /<(?:!--|\/?(?:p|div|a|br|span|ul|ol|li|table|img|b|i|em|strong)\b[^>]*>)/i;

/** The entry's body as plain text (content:encoded, else content, else summary). */
function bodyOf(entry: Entry): string {
  const html = str(entry['content:encoded']) ?? str(entry.content) ?? str(entry.summary);
  if (!html) return '';
  let text = toText(html);
  // Some feeds escape their HTML twice (Reddit's post bodies): what comes out is HTML again.
  if (STILL_HTML.test(text)) text = toText(text);
  // Lines keep their indent (list items), lose trailing blanks; at most one empty line in a row.
  return text
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n+|\n+$/g, '');
}

/**
 * Parses feed text (RSS 0.9x/2.0, RSS 1.0 RDF, Atom) and maps its entries to mentions: the title
 * and the body reduced from HTML to text, the entry's link and time, its author (else the feed's
 * title), the feed kept as metadata. Throws when the text is not a feed.
 */
export async function feedEntries(text: string, opts: FeedOptions): Promise<FeedEntries> {
  let feed: Parser.Output<Entry>;
  try {
    feed = (await parser.parseString(text)) as Parser.Output<Entry>;
  } catch (err) {
    throw new Error(`not an RSS or Atom feed: ${(err as Error).message.split('\n')[0]}`);
  }
  const feedTitle = str(feed.title) ?? null;
  const host = (() => {
    try {
      return new URL(opts.feedUrl).host;
    } catch {
      return 'feed';
    }
  })();
  const mentions: MentionInput[] = [];
  const skipped: string[] = [];
  for (const entry of feed.items) {
    const title = str(entry.title);
    const body = bodyOf(entry);
    const externalId = entryIdOf(entry, opts.feedUrl);
    if (!title && !body) {
      skipped.push(`${str(entry.guid) ?? str(entry.id) ?? externalId}: no title and no text`);
      continue;
    }
    const text = (
      title && body && !body.startsWith(title) ? `${title}\n\n${body}` : ((body || title) as string)
    ).slice(0, MAX_TEXT_CHARS);
    const author = str(entry.creator) ?? str(entry['dc:creator']) ?? str(entry.author);
    const date = str(entry.isoDate);
    const occurredAt = date && !Number.isNaN(Date.parse(date)) ? new Date(date) : opts.now();
    const link = str(entry.link);
    const parsed = MentionInputSchema.safeParse({
      author: {
        handle: (author ?? feedTitle ?? host).slice(0, 256),
        ...(author && feedTitle && { name: `${author} (${feedTitle})`.slice(0, 256) }),
      },
      ...(opts.brand && { brand: opts.brand }),
      channel: opts.channel,
      externalId,
      metadata: { feed: (feedTitle ?? host).slice(0, 2000), feedUrl: opts.feedUrl.slice(0, 2000) },
      occurredAt: occurredAt.toISOString(),
      text,
      ...(link && link.length <= 2048 && { url: link }),
    });
    if (parsed.success) mentions.push(parsed.data);
    else
      skipped.push(
        `${externalId}: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`,
      );
  }
  return { title: feedTitle, mentions, skipped };
}
