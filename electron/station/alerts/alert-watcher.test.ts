import { afterEach, describe, expect, it } from 'vitest';
import { StationCore } from '../core/core';
import { listAlerts } from '../db/queries/alerts';
import { ingestDrafts, prepareIngestItem } from '../ingest/ingest-draft';
import { createWarRoom } from '../room/war-room';
import { tempDir } from '../test-support/temp-dir';
import { startAlertWatcher } from './alert-watcher';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const H = 3_600_000;
const T0 = Date.UTC(2026, 0, 10, 0, 0);

/** Steady traffic for a brand, then (optionally) a burst in one hour. */
function traffic(
  brand: string,
  from: number,
  hours: number,
  perHour: number,
  tag: string,
  hashtag = '',
) {
  return Array.from({ length: hours * perHour }, (_, i) =>
    prepareIngestItem({
      channel: 'twitter',
      externalId: `${tag}-${brand}-${i}`,
      author: { handle: `@c${i % 40}` },
      text: `${brand} flight ${i} is late again ${hashtag}`.trim(),
      occurredAt: new Date(from + Math.floor((i * H) / perHour)).toISOString(),
      brand,
      metadata: {},
    }),
  );
}

describe('the alert watcher', () => {
  it('raises one alert.raised op per spiking brand and topic in live traffic', async () => {
    const core = await StationCore.open(tempDir().dir);
    cleanups.push(() => core.close());
    const { adminId } = await createWarRoom(core, {
      warRoom: 'Storm',
      username: 'lead',
      displayName: 'L',
      password: 'lead-password',
    });
    const watcher = startAlertWatcher(core);
    cleanups.push(() => watcher.stop());
    const commit = (items: ReturnType<typeof traffic>) =>
      core.commit(ingestDrafts(items, adminId, { connector: 'manual' }));
    await commit([...traffic('Acme', T0, 30, 10, 'base'), ...traffic('Other', T0, 30, 10, 'base')]);
    await watcher.idle();
    expect(await listAlerts(core.read)).toEqual([]);
    // 120 mentions of Acme in one hour, twelve times its baseline; Other stays as it was.
    await commit([
      ...traffic('Acme', T0 + 30 * H, 1, 120, 'burst'),
      ...traffic('Other', T0 + 30 * H, 2, 10, 'more'),
    ]);
    await watcher.idle();
    const alerts = await listAlerts(core.read);
    expect(alerts).toHaveLength(1);
    const body = JSON.parse(alerts[0]?.body ?? '{}') as {
      rule: string;
      key: string;
      sampleRefs: string[];
    };
    expect(body).toMatchObject({ rule: 'volume-spike', key: 'Acme' });
    expect(body.sampleRefs.length).toBeGreaterThan(0);
    const ops = await core.read.all<{ n: number }>(
      `SELECT count(*) AS n FROM ops WHERE type = 'alert.raised'`,
    );
    expect(ops[0]?.n).toBe(1);
  });

  it('shows an alert raised twice (two stations before they synced) once, as first raised', async () => {
    const core = await StationCore.open(tempDir().dir);
    cleanups.push(() => core.close());
    await createWarRoom(core, {
      warRoom: 'Storm',
      username: 'lead',
      displayName: 'L',
      password: 'lead-password',
    });
    const raised = (count: number) => ({
      type: 'alert.raised',
      v: 1,
      actor: 'system',
      subject: 'volume-spike:Acme:x',
      payload: {
        id: 'volume-spike:Acme:x',
        rule: 'volume-spike',
        key: 'Acme',
        brand: 'Acme',
        topic: null,
        windowStart: T0,
        windowEnd: T0 + H,
        count,
        baselinePerHour: 5,
        ratio: count / 5,
        negativeShare: 0.5,
        suggestedSeverity: 'SEV3',
        evidence: 1e-9,
        sampleRefs: [],
      },
    });
    await core.commit([raised(60)]);
    await core.commit([raised(64)]);
    const [row] = await listAlerts(core.read);
    expect(row?.raised).toBe(2);
    expect(JSON.parse(row?.body ?? '{}')).toMatchObject({ count: 60 });
  });
});
