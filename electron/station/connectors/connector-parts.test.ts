import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/temp-dir';
import { readConnectorsFile, writeConnector } from './connector-config';
import { HealthTracker } from './connector-health';
import { KINDS } from './connector-kinds';
import { backoffDelay } from './poll-loop';
import { TokenBucket } from './webhook/token-bucket';

describe('connectors.yaml', () => {
  it('reports problems with line and column, and unknown kinds by name', () => {
    const t = tempDir();
    try {
      writeFileSync(
        path.join(t.dir, 'connectors.yaml'),
        `connectors:
  - id: a
    kind: webhook
    token: a-token-of-sixteen-chars
  - id: a
    kind: rss
    url: https://x.example/feed
    intervalSeconds: 0
  - id: b
    kind: carrier-pigeon
`,
      );
      const read = readConnectorsFile(t.dir, KINDS);
      expect(read.ok).toBe(false);
      if (read.ok) return;
      expect(read.problems.map((p) => [p.line, p.message])).toEqual([
        [8, expect.stringMatching(/^connectors\.1\.intervalSeconds: /)],
        [10, expect.stringMatching(/^connectors\.2\.kind: .*'webhook' \| 'rss'/)],
      ]);
      // Ids are compared once every entry reads.
      writeFileSync(
        path.join(t.dir, 'connectors.yaml'),
        'connectors:\n  - { id: a, kind: rss, url: "https://x.example/" }\n  - id: a\n    kind: rss\n    url: https://y.example/\n',
      );
      const dup = readConnectorsFile(t.dir, KINDS);
      expect(!dup.ok && dup.problems.map((p) => [p.line, p.message])).toEqual([
        [3, 'connectors.1.id: another connector is already called "a"'],
      ]);
    } finally {
      t.cleanup();
    }
  });

  it('is written in place by the UI, keeping comments and the other entries as they were', () => {
    const t = tempDir();
    try {
      const file = path.join(t.dir, 'connectors.yaml');
      writeFileSync(
        file,
        `# Our sources\nconnectors:\n  # the press office's feed\n  - id: press\n    kind: rss\n    url: https://press.example/rss # ask Ana before changing\n`,
      );
      writeConnector(t.dir, 'hook', {
        id: 'hook',
        kind: 'webhook',
        enabled: true,
        settings: { token: 'a-token-of-sixteen-chars' },
      });
      writeConnector(t.dir, 'press', {
        id: 'press',
        kind: 'rss',
        title: 'Press office',
        enabled: false,
        settings: { url: 'https://press.example/rss', intervalSeconds: 60 },
      });
      const text = readFileSync(file, 'utf8');
      expect(text).toContain('# Our sources');
      expect(text).toContain("# the press office's feed");
      expect(text).toContain('# ask Ana before changing');
      const read = readConnectorsFile(t.dir, KINDS);
      if (!read.ok) throw new Error(JSON.stringify(read.problems));
      expect(read.connectors.map((c) => [c.id, c.enabled, c.title])).toEqual([
        ['press', false, 'Press office'],
        ['hook', true, undefined],
      ]);
      writeConnector(t.dir, 'press', null);
      const after = readConnectorsFile(t.dir, KINDS);
      expect(after.ok && after.connectors.map((c) => c.id)).toEqual(['hook']);
    } finally {
      t.cleanup();
    }
  });
});

describe('connector health', () => {
  it('counts items of the last 60 minutes only, and survives being stored', () => {
    let now = Date.parse('2026-03-01T10:00:00Z');
    const h = new HealthTracker(
      () => undefined,
      undefined,
      () => now,
    );
    h.counted(5);
    now += 30 * 60_000;
    h.counted(2);
    expect(h.view().itemsLastHour).toBe(7);
    now += 31 * 60_000;
    expect(h.view().itemsLastHour).toBe(2);
    h.failed(new Error('boom'), now + 5_000);
    expect(h.view()).toMatchObject({ state: 'backing-off', lastError: { message: 'boom' } });
    const again = new HealthTracker(
      () => undefined,
      h.stored(),
      () => now,
    );
    expect(again.view()).toMatchObject({ state: 'starting', itemsLastHour: 2 });
    expect(again.view().lastError?.message).toBe('boom');
  });
});

describe('back-off', () => {
  it('waits between half and all of min(cap, base·2^(n−1)), never more than the cap', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 100, max: 86_400_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (failures, intervalMs, r) => {
          const t = { intervalMs, random: () => r };
          const base = Math.min(intervalMs, 30_000);
          const cap = Math.min(Math.max(intervalMs * 16, 15 * 60_000), 60 * 60_000);
          const full = Math.min(cap, base * 2 ** (failures - 1));
          const d = backoffDelay(failures, t);
          return d >= Math.floor(full / 2) && d <= Math.ceil(full) && d <= cap;
        },
      ),
    );
    expect(backoffDelay(1, { intervalMs: 300_000, random: () => 1 })).toBe(30_000);
    expect(backoffDelay(10, { intervalMs: 300_000, random: () => 1 })).toBe(3_600_000);
  });
});

describe('token bucket', () => {
  it('lets a burst through, then the rate, and says how long to wait', () => {
    let now = 0;
    const b = new TokenBucket(3, 2, () => now);
    expect([b.take(), b.take(), b.take()]).toEqual([0, 0, 0]);
    expect(b.take()).toBe(1);
    now += 500;
    expect(b.take()).toBe(0);
    expect(b.take()).toBe(1);
    now += 10_000;
    expect([b.take(), b.take(), b.take(), b.take()]).toEqual([0, 0, 0, 1]);
  });
});
