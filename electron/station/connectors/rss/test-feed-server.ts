import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/** A feed as the test server serves it. */
export type ServedFeed = { body: Buffer | string; contentType?: string; status?: number };

/** A local feed server for tests: files from a folder and feeds set in code, with validators. */
export type TestFeedServer = {
  url(name: string): string;
  /** Serves `name` from now on (replacing the file or feed of that name). */
  set(name: string, feed: ServedFeed): void;
  /** Whether conditional requests are honoured (true): a server that ignores them answers 200. */
  conditional: boolean;
  /** Requests seen per name, and how many were answered 304. */
  hits(name: string): { requests: number; notModified: number; conditional: number };
  close(): Promise<void>;
};

/**
 * Starts an HTTP server on 127.0.0.1 serving feeds with an ETag (a hash of the bytes) and a
 * Last-Modified (when the feed was set), answering If-None-Match / If-Modified-Since with 304.
 * Names not set in code are read from `dir` (the shared feed samples), if given.
 */
export async function startFeedServer(dir?: string): Promise<TestFeedServer> {
  const feeds = new Map<string, { feed: ServedFeed; etag: string; modified: string }>();
  const counts = new Map<string, { requests: number; notModified: number; conditional: number }>();
  const state = { conditional: true };
  const put = (name: string, feed: ServedFeed) => {
    const etag = `"${createHash('sha256').update(feed.body).digest('hex').slice(0, 16)}"`;
    feeds.set(name, { feed, etag, modified: new Date().toUTCString() });
  };
  const server: Server = createServer((req, res) => {
    const name = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname.slice(1));
    const c = counts.get(name) ?? { requests: 0, notModified: 0, conditional: 0 };
    counts.set(name, c);
    c.requests += 1;
    if (!feeds.has(name) && dir && existsSync(path.join(dir, name)))
      put(name, { body: readFileSync(path.join(dir, name)) });
    const f = feeds.get(name);
    if (!f) {
      res.writeHead(404).end('no such feed');
      return;
    }
    if (f.feed.status && f.feed.status !== 200) {
      res.writeHead(f.feed.status).end('failing on purpose');
      return;
    }
    const inm = req.headers['if-none-match'];
    const ims = req.headers['if-modified-since'];
    if (inm !== undefined || ims !== undefined) c.conditional += 1;
    if (
      state.conditional &&
      (inm === f.etag || (inm === undefined && ims !== undefined && ims === f.modified))
    ) {
      c.notModified += 1;
      res.writeHead(304, { etag: f.etag, 'last-modified': f.modified }).end();
      return;
    }
    res.writeHead(200, {
      'content-type': f.feed.contentType ?? 'application/rss+xml',
      etag: f.etag,
      'last-modified': f.modified,
    });
    res.end(f.feed.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (name) => `http://127.0.0.1:${port}/${encodeURIComponent(name)}`,
    set: put,
    get conditional() {
      return state.conditional;
    },
    set conditional(on: boolean) {
      state.conditional = on;
    },
    hits: (name) => ({ ...(counts.get(name) ?? { requests: 0, notModified: 0, conditional: 0 }) }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
