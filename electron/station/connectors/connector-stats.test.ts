import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startStation } from '../station';
import { holdline } from '../test-support/station-process';
import { tempDir } from '../test-support/temp-dir';

describe('holdline stats', () => {
  it('prints each connector with its last stored health', async () => {
    const t = tempDir();
    try {
      writeFileSync(
        path.join(t.dir, 'connectors.yaml'),
        `connectors:
  - id: listening
    kind: webhook
    token: stats-test-token-0001
  - id: quiet
    kind: rss
    enabled: false
    url: http://127.0.0.1:9/feed
`,
      );
      const station = await startStation({
        dataDir: t.dir,
        port: 0,
        discovery: false,
        rendererDir: null,
      });
      const res = await fetch(new URL('/ingest/listening', station.url), {
        method: 'POST',
        headers: { authorization: 'Bearer stats-test-token-0001' },
        body: JSON.stringify({
          id: 's-1',
          channel: 'web',
          author: 'visitor',
          text: 'Your site is down',
          created_at: '2026-03-01T10:00:00Z',
        }),
      });
      expect(res.status).toBe(200);
      await station.close();
      const out = holdline('stats', '--data', t.dir);
      expect(out.code, out.stderr).toBe(0);
      expect(out.stdout).toMatch(
        /connectors:\n {2}listening +webhook +running +1 in the last hour, last success 20/,
      );
      expect(out.stdout).toMatch(
        / {2}quiet +rss +disabled +0 in the last hour, last success never/,
      );
      const json = JSON.parse(holdline('stats', '--data', t.dir, '--json').stdout) as {
        connectors: { connectors: { id: string; itemsLastHour: number }[] };
      };
      expect(json.connectors.connectors.map((c) => [c.id, c.itemsLastHour])).toEqual([
        ['listening', 1],
        ['quiet', 0],
      ]);
    } finally {
      t.cleanup();
    }
  }, 60_000);
});
