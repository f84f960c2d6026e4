import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { feedEntries, type FeedOptions } from './feed-entries';
import { decodeFeed, encodingOf } from './fetch-feed';

const FEEDS = path.resolve(__dirname, '../../../../../shared/data/feeds');
const opts: FeedOptions = {
  feedUrl: 'http://news.example/feed',
  channel: 'rss',
  now: () => new Date('2026-03-01T12:00:00Z'),
};

const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Airline watch</title>
<item>
  <title>Flights grounded at Gdańsk</title>
  <link>https://news.example/a/1</link>
  <guid isPermaLink="false">1001</guid>
  <dc:creator>Ana Kowalska</dc:creator>
  <pubDate>Sun, 01 Mar 2026 09:30:00 +0100</pubDate>
  <description><![CDATA[<p>Passengers were <b>stranded</b> &amp; angry.</p><p><a href="https://x">More</a> <img src="y.png"></p>]]></description>
</item>
<item><title>Only a title</title><link>https://news.example/a/2</link></item>
<item><description>   </description></item>
</channel></rss>`;

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Status page</title>
<entry><id>tag:status.example,2026:incident-7</id><title>Check-in systems degraded</title>
<updated>2026-03-01T08:00:00Z</updated><author><name>Ops</name></author>
<content type="html">&lt;ul&gt;&lt;li&gt;Web check-in down&lt;/li&gt;&lt;li&gt;Kiosks fine&lt;/li&gt;&lt;/ul&gt;</content>
</entry></feed>`;

describe('feed entries', () => {
  it('map RSS items to mentions: title and text from HTML, author, link, time, stable id', async () => {
    const { title, mentions, skipped } = await feedEntries(RSS, opts);
    expect(title).toBe('Airline watch');
    expect(mentions).toHaveLength(2);
    const [a, b] = mentions;
    expect(a?.text).toBe('Flights grounded at Gdańsk\n\nPassengers were stranded & angry.\n\nMore');
    expect(a?.author).toEqual({ handle: 'Ana Kowalska', name: 'Ana Kowalska (Airline watch)' });
    expect(a?.url).toBe('https://news.example/a/1');
    expect(a?.occurredAt).toBe('2026-03-01T08:30:00.000Z');
    expect(a?.channel).toBe('rss');
    expect(a?.metadata).toEqual({ feed: 'Airline watch', feedUrl: opts.feedUrl });
    // No author: the feed is the author; no date: when it was seen.
    expect(b?.author.handle).toBe('Airline watch');
    expect(b?.occurredAt).toBe('2026-03-01T12:00:00.000Z');
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toMatch(/no title and no text/);
    // The same entry parsed again has the same id; a local guid is scoped by the feed's URL.
    const again = await feedEntries(RSS, opts);
    expect(again.mentions.map((m) => m.externalId)).toEqual(mentions.map((m) => m.externalId));
    const elsewhere = await feedEntries(RSS, { ...opts, feedUrl: 'http://other.example/feed' });
    expect(elsewhere.mentions[0]?.externalId).not.toBe(a?.externalId);
  });

  it('map Atom entries, whose ids are global whichever feed carries them', async () => {
    const { mentions } = await feedEntries(ATOM, { ...opts, brand: 'SkyLine' });
    expect(mentions).toHaveLength(1);
    expect(mentions[0]?.text).toBe(
      'Check-in systems degraded\n\n• Web check-in down\n• Kiosks fine',
    );
    expect(mentions[0]?.brand).toBe('SkyLine');
    expect(mentions[0]?.author.handle).toBe('Ops');
    const mirrored = await feedEntries(ATOM, { ...opts, feedUrl: 'http://mirror.example/atom' });
    expect(mirrored.mentions[0]?.externalId).toBe(mentions[0]?.externalId);
  });

  it('refuse text that is not a feed, saying so', async () => {
    await expect(feedEntries('<html><body>Moved</body></html>', opts)).rejects.toThrow(
      /not an RSS or Atom feed/,
    );
  });
});

describe('feed decoding', () => {
  const latin = iconv.encode(
    '<?xml version="1.0" encoding="ISO-8859-1"?><rss><channel><title>Notícias</title></channel></rss>',
    'latin1',
  );

  it('follows a BOM, then the HTTP charset, then the XML declaration, then UTF-8 or windows-1252', () => {
    expect(encodingOf(latin, null)).toBe('iso-8859-1');
    expect(decodeFeed(latin, null).text).toContain('Notícias');
    expect(encodingOf(latin, 'text/xml; charset=windows-1250')).toBe('windows-1250');
    const bare = iconv.encode('<rss><channel><title>Últimas</title></channel></rss>', 'latin1');
    expect(encodingOf(bare, 'application/rss+xml')).toBe('windows-1252');
    expect(decodeFeed(bare, null).text).toContain('Últimas');
    expect(encodingOf(Buffer.from('<rss>ł</rss>'), null)).toBe('utf-8');
    expect(decodeFeed(Buffer.from('\ufeff<rss/>'), null).text).toBe('<rss/>');
  });
});

describe.skipIf(!existsSync(FEEDS))('real-world feed samples (../shared/data/feeds)', () => {
  if (!existsSync(FEEDS)) console.warn(`skipped: no feed samples at ${FEEDS}`);
  const read = (name: string) => decodeFeed(readFileSync(path.join(FEEDS, name)), null).text;

  it.each([
    ['guardian.rss', 55],
    ['reddit.rss', 24],
    ['reddit-atom.rss', 24],
    ['heise.atom', 15],
    ['feedburner.atom', 25],
    ['content-encoded.rss', 7],
    ['rss-1.rss', 69],
    ['encoding.rss', null],
    ['uolNoticias.rss', null],
  ])('%s gives a mention per entry, each with text and a unique id', async (name, count) => {
    const { mentions, skipped } = await feedEntries(read(name), opts);
    if (count !== null) expect(mentions.length + skipped.length).toBe(count);
    expect(mentions.length).toBeGreaterThan(0);
    expect(new Set(mentions.map((m) => m.externalId)).size).toBe(mentions.length);
    for (const m of mentions) {
      expect(m.text.trim()).not.toBe('');
      expect(m.text).not.toMatch(/<(?:p|div|br|a|img)\b/i);
    }
  });

  it('reads the UOL feed (ISO-8859-1 without a declaration) into proper Portuguese', async () => {
    const { title, mentions } = await feedEntries(read('uolNoticias.rss'), opts);
    expect(title).toBe('UOL Noticias');
    expect(mentions[0]?.text).toMatch(
      /^Ibope: Bolsonaro perde de Haddad, Ciro e Alckmin em simulações de 2º turno/,
    );
    expect(mentions.map((m) => m.text).join('\n')).not.toContain('\ufffd');
  });

  it('reads the declared ISO-8859-1 feed without replacement characters', async () => {
    const { mentions } = await feedEntries(read('encoding.rss'), opts);
    expect(mentions.map((m) => m.text).join('\n')).not.toContain('\ufffd');
  });

  it('skips entries without a title or text and refuses the unrecognised file', async () => {
    expect((await feedEntries(read('missing-fields.atom'), opts)).skipped).toHaveLength(1);
    expect((await feedEntries(read('incomplete-fields.atom'), opts)).skipped).toHaveLength(1);
    await expect(feedEntries(read('unrecognized.rss'), opts)).rejects.toThrow(
      /not an RSS or Atom feed: Feed not recognized/,
    );
  });
});
