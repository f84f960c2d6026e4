import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectorView } from '../../../../shared/contract/connectors';
import { startStation, type RunningStation } from '../../station';
import { eventually } from '../../test-support/station-process';
import { tempDir } from '../../test-support/temp-dir';
import { connectorsOf } from '../start-connectors';
import { startFeedServer, type TestFeedServer } from './test-feed-server';

const FEEDS = path.resolve(__dirname, '../../../../../shared/data/feeds');

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

/** A data folder with these connectors, and a station on it that can be restarted. */
async function stationWith(connectorsYaml: string) {
  const t = tempDir();
  writeFileSync(path.join(t.dir, 'connectors.yaml'), connectorsYaml);
  let station: RunningStation | null = null;
  const start = async () => {
    station = await startStation({ dataDir: t.dir, port: 0, discovery: false, rendererDir: null });
    return station;
  };
  cleanups.push(t.cleanup, async () => station?.close());
  await start();
  const running = () => station as unknown as RunningStation;
  return {
    station: running,
    restart: async () => {
      await running().close();
      return start();
    },
    count: async (sql: string) =>
      ((await running().core.read.get<{ n: number }>(sql))?.n ?? 0) as number,
    health: (id: string) =>
      (connectorsOf(running().core)?.viewOf(id) as ConnectorView | null)?.health ?? null,
  };
}

const MENTIONS = 'SELECT count(*) AS n FROM mentions';
const INGEST_OPS = `SELECT count(*) AS n FROM ops WHERE type = 'mention.ingest'`;
const DUPLICATES = 'SELECT coalesce(sum(duplicates), 0) AS n FROM mentions';

const item = (n: number) => `<item><title>Entry ${n}</title><link>https://blog.example/${n}</link>
  <guid>https://blog.example/${n}</guid><pubDate>Sun, 01 Mar 2026 10:0${n}:00 GMT</pubDate>
  <description>&lt;p&gt;Body of entry ${n}&lt;/p&gt;</description></item>`;
const rss = (...items: number[]) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>Blog</title>${items.map(item).join('')}</channel></rss>`;

async function feedServer(dir?: string): Promise<TestFeedServer> {
  const server = await startFeedServer(dir);
  cleanups.push(() => server.close());
  return server;
}

describe('RSS/Atom connector on a real station', () => {
  it('takes entries once, lives on 304s, adds only new entries, and adds nothing after a restart', async () => {
    const server = await feedServer();
    server.set('blog.xml', { body: rss(1, 2) });
    const s = await stationWith(`connectors:
  - id: blog
    kind: rss
    url: ${server.url('blog.xml')}
    intervalSeconds: 1
    brand: SkyLine
`);
    await eventually('two mentions from the feed', async () => (await s.count(MENTIONS)) === 2);
    await eventually('a 304', async () => server.hits('blog.xml').notModified >= 1);
    expect(s.health('blog')).toMatchObject({ state: 'running', lastError: null, itemsLastHour: 2 });
    expect(s.health('blog')?.lastSuccessAt).not.toBeNull();
    expect(await s.count(MENTIONS)).toBe(2);

    server.set('blog.xml', { body: rss(1, 2, 3) });
    await eventually('the new entry', async () => (await s.count(MENTIONS)) === 3);
    const text = await s
      .station()
      .core.read.get<{ text: string; brand: string; channel: string }>(
        `SELECT text, brand, channel FROM mentions WHERE text LIKE 'Entry 3%'`,
      );
    expect(text).toEqual({ text: 'Entry 3\n\nBody of entry 3', brand: 'SkyLine', channel: 'rss' });

    // After a restart the stored ETag is sent at once; a server ignoring it still adds nothing.
    const before = server.hits('blog.xml');
    await s.restart();
    await eventually(
      'a conditional poll after the restart',
      async () => server.hits('blog.xml').conditional > before.conditional,
    );
    server.conditional = false;
    const unconditional = server.hits('blog.xml').requests;
    await eventually(
      'two full answers after the restart',
      async () => server.hits('blog.xml').requests >= unconditional + 2,
    );
    expect(await s.count(MENTIONS)).toBe(3);
    expect(await s.count(INGEST_OPS)).toBe(2);
    expect(await s.count(DUPLICATES)).toBe(0);
    expect(s.health('blog')?.itemsLastHour).toBe(3);
  }, 30_000);

  it('reports a malformed feed and a failing server in its health, backs off, and recovers', async () => {
    const server = await feedServer();
    server.set('broken.xml', { body: '<html><body>Object moved</body></html>' });
    server.set('down.xml', { body: '', status: 500 });
    const s = await stationWith(`connectors:
  - id: broken
    kind: rss
    url: ${server.url('broken.xml')}
    intervalSeconds: 1
  - id: down
    kind: rss
    url: ${server.url('down.xml')}
    intervalSeconds: 1
`);
    await eventually(
      'both connectors backing off',
      async () =>
        s.health('broken')?.state === 'backing-off' && s.health('down')?.state === 'backing-off',
    );
    expect(s.health('broken')?.lastError?.message).toMatch(
      /^not an RSS or Atom feed: Feed not recognized as RSS 1 or 2/,
    );
    expect(s.health('down')?.lastError?.message).toMatch(/answered HTTP 500/);
    expect(s.health('down')?.retryAt).not.toBeNull();
    expect(s.health('broken')?.lastSuccessAt).toBeNull();
    expect(await s.count(MENTIONS)).toBe(0);

    server.set('broken.xml', { body: rss(7) });
    await eventually('the fixed feed read', async () => (await s.count(MENTIONS)) === 1, 15_000);
    await eventually('running again', async () => s.health('broken')?.state === 'running');
  }, 30_000);
});

describe.skipIf(!existsSync(FEEDS))('RSS/Atom connector on real-world samples', () => {
  if (!existsSync(FEEDS)) console.warn(`skipped: no feed samples at ${FEEDS}`);

  it('reads RSS 2.0, Atom and a Latin-1 feed, refuses the unrecognised one, dedupes across a restart', async () => {
    const server = await feedServer(FEEDS);
    const feeds = ['guardian.rss', 'heise.atom', 'uolNoticias.rss', 'unrecognized.rss'];
    const s = await stationWith(
      `connectors:\n${feeds
        .map(
          (f) =>
            `  - id: ${f.replace(/[^a-z]/gi, '-').toLowerCase()}\n    kind: rss\n    url: ${server.url(f)}\n    intervalSeconds: 1\n`,
        )
        .join('')}`,
    );
    const total = 55 + 15 + 15;
    await eventually('every entry', async () => (await s.count(MENTIONS)) === total, 20_000);
    await eventually('a 304 from each feed', async () =>
      feeds.slice(0, 3).every((f) => server.hits(f).notModified >= 1),
    );
    const n = await s.count(MENTIONS);
    const portuguese = await s
      .station()
      .core.read.get<{ n: number }>(
        `SELECT count(*) AS n FROM mentions WHERE text LIKE '%simulações de 2º turno%'`,
      );
    expect(portuguese?.n).toBe(1);
    expect(s.health('unrecognized-rss')).toMatchObject({ state: 'backing-off' });
    expect(s.health('unrecognized-rss')?.lastError?.message).toMatch(/not an RSS or Atom feed/);
    expect(s.health('guardian-rss')?.itemsLastHour).toBe(55);

    await s.restart();
    server.conditional = false;
    const seen = server.hits('guardian.rss').requests;
    await eventually(
      'full answers after the restart',
      async () => server.hits('guardian.rss').requests >= seen + 2,
    );
    expect(await s.count(MENTIONS)).toBe(n);
    expect(await s.count(DUPLICATES)).toBe(0);
  }, 60_000);
});
