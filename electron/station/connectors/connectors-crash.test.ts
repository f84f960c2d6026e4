import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { StationCore } from '../core/core';
import { eventually, startStationProcess } from '../test-support/station-process';
import { tempDir } from '../test-support/temp-dir';
import { startFeedServer } from './rss/test-feed-server';

const TOKEN = 'crash-test-webhook-token';
const PER_REQUEST = 20;
const REQUESTS = 150;

const entries = Array.from(
  { length: 120 },
  (_, i) =>
    `<item><title>Story ${i}</title><guid>https://crash.example/${i}</guid><description>Text ${i}</description></item>`,
).join('');
const FEED = `<?xml version="1.0"?><rss version="2.0"><channel><title>Crash feed</title>${entries}</channel></rss>`;

/** Posts one batch; true when the station answered 200 (acknowledged), false when it did not. */
async function post(url: string, ids: string[]): Promise<boolean> {
  try {
    const res = await fetch(new URL('/ingest/crashy', url), {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(
        ids.map((id) => ({
          id,
          channel: 'twitter',
          author: '@flyer',
          text: `Still waiting for my bag (${id})`,
          created_at: '2026-03-01T10:00:00Z',
        })),
      ),
    });
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false; // the station died mid-request: unknown, so the sender sends it again
  }
}

describe('connectors across a station killed with SIGKILL', () => {
  it('lose no acknowledged webhook item, double none, and take no feed entry twice', async () => {
    const t = tempDir('holdline-connectors-crash-');
    const feeds = await startFeedServer();
    try {
      feeds.set('crash.xml', { body: FEED });
      writeFileSync(
        path.join(t.dir, 'connectors.yaml'),
        `connectors:
  - id: crashy
    kind: webhook
    token: ${TOKEN}
    perMinute: 600000
    burst: 100000
  - id: feed
    kind: rss
    url: ${feeds.url('crash.xml')}
    intervalSeconds: 1
`,
      );
      let station = await startStationProcess(t.dir);
      const health = async () =>
        (await (await fetch(new URL('/health', station.url))).json()) as { mentions: number };
      await eventually('the feed read', async () => (await health()).mentions >= 120);

      // Eight senders post batches until the station is killed under them.
      const batches = Array.from({ length: REQUESTS }, (_, r) =>
        Array.from({ length: PER_REQUEST }, (_, i) => `crash-${r}-${i}`),
      );
      const acked = new Set<number>();
      let next = 0;
      let killed = false;
      const sender = async () => {
        while (next < batches.length && !killed) {
          const r = next++;
          if (await post(station.url, batches[r] as string[])) acked.add(r);
          if (acked.size >= 40 && !killed) {
            killed = true;
            station.child.kill('SIGKILL');
          }
        }
      };
      await Promise.all(Array.from({ length: 8 }, sender));
      await station.stop({ kill: true });
      expect(killed).toBe(true);

      // Back up: every acknowledged batch is there; the sender resends everything else.
      feeds.conditional = false;
      const polled = feeds.hits('crash.xml').requests;
      station = await startStationProcess(t.dir);
      const afterCrash = await health();
      expect(afterCrash.mentions).toBeGreaterThanOrEqual(120 + acked.size * PER_REQUEST);
      for (let r = 0; r < batches.length; r++)
        if (!acked.has(r)) expect(await post(station.url, batches[r] as string[])).toBe(true);
      await eventually(
        'two full feed answers after the restart',
        async () => feeds.hits('crash.xml').requests >= polled + 2,
      );
      expect((await health()).mentions).toBe(120 + REQUESTS * PER_REQUEST);
      await station.stop();

      const core = await StationCore.open(t.dir);
      try {
        const ids = await core.read.all<{ external_id: string }>(
          `SELECT external_id FROM mentions WHERE channel = 'twitter'`,
        );
        expect(new Set(ids.map((r) => r.external_id)).size).toBe(REQUESTS * PER_REQUEST);
        const rss = await core.read.get<{ n: number; dup: number }>(
          `SELECT count(*) AS n, sum(duplicates) AS dup FROM mentions WHERE channel = 'rss'`,
        );
        expect(rss).toEqual({ n: 120, dup: 0 });
      } finally {
        await core.close();
      }
    } finally {
      await feeds.close();
      t.cleanup();
    }
  }, 120_000);
});
