import Parser from 'rss-parser';
import { ingestFromConnector } from '../electron/station/connectors/connector-ingest';
import { cursorStore, seenSet } from '../electron/station/connectors/connector-state';
import { startDovecot, whyNoDovecot } from '../electron/station/connectors/email/test-dovecot';
import { rawMail } from '../electron/station/connectors/email/test-mail';
import { RssSettings, rssKind } from '../electron/station/connectors/rss/rss-kind';
import { startFeedServer } from '../electron/station/connectors/rss/test-feed-server';
import { Cleanups, benchStation, knob, waitFor } from './connector-stations';
import { median } from './http-load';
import type { Figure } from './report';

const ENTRIES = knob('ENTRIES', 2_000);
const POLLS = knob('POLLS', 50);
const MESSAGES = knob('MESSAGES', 1_000);
const PARSES = 3;

const esc = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;');

/** An RSS 2.0 feed of `n` news entries with HTML bodies, as a news site serves it. */
function feedOf(n: number): string {
  const at = Date.UTC(2026, 2, 1, 12);
  const items = Array.from({ length: n }, (_, i) => {
    const html =
      `<p>Passengers on flight SK${100 + (i % 900)} waited <b>${(i % 5) + 1} hours</b> at the gate ` +
      `after a technical fault, <a href="https://news.example/live">our live page</a> reports.</p>` +
      `<p>The airline said rebooking is free until Sunday and that bags will follow on the next ` +
      `departure; a spokesperson apologised for the delay (story ${i}).</p>`;
    return (
      `<item><title>Delays at the hub, update ${i}</title>` +
      `<link>https://news.example/story/${i}</link><guid>https://news.example/story/${i}</guid>` +
      `<dc:creator>Reporter ${i % 40}</dc:creator>` +
      `<pubDate>${new Date(at - i * 60_000).toUTCString()}</pubDate>` +
      `<description>${esc(html)}</description></item>`
    );
  });
  return (
    `<?xml version="1.0" encoding="UTF-8"?>` +
    `<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>` +
    `<title>Travel news</title><link>https://news.example/</link>${items.join('')}</channel></rss>`
  );
}

/**
 * RSS: a generated feed on a local server (test-feed-server.ts). The connector's first poll,
 * from the hub starting it to every entry in the table, against fetching and parsing the same
 * feed with rss-parser alone; then polls answered 304, timed one by one through the rss kind's
 * own poll on the station's cursor, against a bare conditional GET answered 304.
 */
export async function rssFigures(cleanups: Cleanups): Promise<Figure[]> {
  const feeds = await startFeedServer();
  cleanups.add(() => feeds.close());
  feeds.set('news.xml', { body: feedOf(ENTRIES) });
  const url = feeds.url('news.xml');

  const parser = new Parser();
  await parser.parseURL(url);
  const parseMs: number[] = [];
  for (let i = 0; i < PARSES; i++) {
    const t0 = performance.now();
    const feed = await parser.parseURL(url);
    parseMs.push(performance.now() - t0);
    if (feed.items.length !== ENTRIES) throw new Error(`rss-parser read ${feed.items.length}`);
  }
  const full = await fetch(url);
  await full.arrayBuffer();
  const etag = full.headers.get('etag');
  const bare304: number[] = [];
  for (let i = 0; i < POLLS; i++) {
    const t0 = performance.now();
    const res = await fetch(url, { headers: { 'if-none-match': etag ?? '' } });
    await res.arrayBuffer();
    bare304.push(performance.now() - t0);
    if (res.status !== 304) throw new Error(`the feed server answered ${res.status}, not 304`);
  }

  const s = await benchStation(cleanups, 'rss');
  // A long interval: the hub polls once; the 304 polls below are timed one by one.
  const t0 = performance.now();
  await s.configure(
    `connectors:\n  - id: news\n    kind: rss\n    url: ${url}\n    intervalSeconds: 3600\n`,
  );
  await waitFor(
    'every feed entry in the table',
    async () => (await s.mentions()) >= ENTRIES,
    300_000,
  );
  const firstPollMs = performance.now() - t0;
  const { core } = s.station;
  const cursor = cursorStore(core, 'news');
  await waitFor('the feed cursor stored', async () => (await cursor.load()) !== undefined, 30_000);
  console.log(
    `rss: ${(await s.mentions()).toLocaleString('en-US')} of ${ENTRIES.toLocaleString('en-US')} entries in ${(firstPollMs / 1000).toFixed(2)} s; rss-parser alone ${median(parseMs).toFixed(0)} ms`,
  );

  let poll: (() => Promise<void>) | null = null;
  const abort = new AbortController();
  cleanups.add(() => abort.abort());
  await rssKind.start({
    id: 'news',
    kind: 'rss',
    config: RssSettings.parse({ url, intervalSeconds: 3600 }),
    core,
    dataDir: core.dataDir,
    signal: abort.signal,
    cursor,
    seen: seenSet(core, 'news'),
    health: {
      succeeded: () => undefined,
      failed: () => undefined,
      problem: () => undefined,
      counted: () => undefined,
    },
    ingest: (inputs) =>
      ingestFromConnector(core, inputs, { connector: 'rss', connectorId: 'news' }),
    poll: (fn) => (poll = fn),
    log: (m) => console.log(`[rss] ${m}`),
  });
  if (!poll) throw new Error('the rss kind did not start a poll');
  const pollOnce: () => Promise<void> = poll;
  const seen304 = feeds.hits('news.xml').notModified;
  const polled: number[] = [];
  for (let i = 0; i < POLLS; i++) {
    const t = performance.now();
    await pollOnce();
    polled.push(performance.now() - t);
  }
  const got304 = feeds.hits('news.xml').notModified - seen304;
  console.log(`rss: ${got304} of ${POLLS} timed polls answered 304`);
  abort.abort();
  await s.close();

  return [
    {
      name: 'connectors.rss.first-poll.rate',
      value: (ENTRIES / firstPollMs) * 1000,
      unit: 'entries/s',
      baseline: (ENTRIES / median(parseMs)) * 1000,
      baselineName: 'rss-parser fetch + parse alone',
      better: 'higher',
    },
    {
      name: 'connectors.rss.poll-304',
      value: median(polled),
      unit: 'ms',
      baseline: median(bare304),
      baselineName: 'bare conditional GET answered 304',
      better: 'lower',
    },
  ];
}

const SUBJECTS = ['Lost bag', 'Refund please', 'Missed connection', 'Thank you', 'Seat change'];

/**
 * IMAP (needs Debian's dovecot, run as root: test-dovecot.ts): `MESSAGES` messages in a test
 * dovecot's INBOX; the connector from the hub starting it to every message in the table, against
 * a bare imapflow session fetching the same messages' sources (log in, open, one FETCH).
 */
export async function imapFigures(cleanups: Cleanups): Promise<Figure[]> {
  const why = whyNoDovecot();
  if (why !== null) {
    console.log(`SKIP connectors.imap.rate: ${why}`);
    return [];
  }
  const mail = await startDovecot();
  cleanups.add(() => mail.close());
  for (let i = 0; i < MESSAGES; i++)
    mail.dropIntoMaildir(
      rawMail({
        from: `Flyer ${i % 300} <flyer${i % 300}@example.com>`,
        subject: `${SUBJECTS[i % SUBJECTS.length] ?? ''}: booking ${10_000 + i}`,
        messageId: `<bench-${i}@mail.example>`,
        date: new Date(Date.now() - (MESSAGES - i) * 1000).toUTCString(),
        text:
          `Hello,\n\nmy booking ${10_000 + i} was moved to a later flight and my bag did not arrive.\n` +
          `I need it back before Monday. Could you tell me where it is and who pays for the delay?\n\n` +
          `Regards,\nFlyer ${i % 300}\n`,
      }),
    );
  // Dovecot indexes new Maildir files on the first look: done here, before either side is timed.
  const warm = await mail.client();
  await warm.mailboxOpen('INBOX', { readOnly: true });
  await warm.fetchAll('1:*', { uid: true, size: true });
  await warm.logout();

  let t0 = performance.now();
  const client = await mail.client();
  await client.mailboxOpen('INBOX', { readOnly: true });
  const fetched = await client.fetchAll('1:*', { uid: true, source: true });
  const bareMs = performance.now() - t0;
  await client.logout();
  if (fetched.length !== MESSAGES) throw new Error(`imapflow fetched ${fetched.length}`);

  const s = await benchStation(cleanups, 'imap');
  t0 = performance.now();
  await s.configure(
    [
      'connectors:',
      '  - id: care-mail',
      '    kind: imap',
      `    host: ${mail.host}`,
      `    port: ${mail.port}`,
      '    tls: none',
      `    user: ${mail.user}`,
      `    password: ${mail.password}`,
      '    pollSeconds: 3600',
      '',
    ].join('\n'),
  );
  await waitFor(
    'every message in the table',
    async () => (await s.mentions()) >= MESSAGES,
    300_000,
  );
  const connectorMs = performance.now() - t0;
  console.log(
    `imap: ${(await s.mentions()).toLocaleString('en-US')} of ${MESSAGES.toLocaleString('en-US')} messages in ${(connectorMs / 1000).toFixed(2)} s; imapflow alone ${bareMs.toFixed(0)} ms`,
  );
  await s.close();
  return [
    {
      name: 'connectors.imap.rate',
      value: (MESSAGES / connectorMs) * 1000,
      unit: 'messages/s',
      baseline: (MESSAGES / bareMs) * 1000,
      baselineName: 'bare imapflow fetch of the sources',
      better: 'higher',
    },
  ];
}
