import { mentionRoutingView } from './routing-commands';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { StationCore } from '../core/core';
import { mentionById } from '../db/queries/mention-reads';
import { allOps } from '../db/queries/ops';
import { stateDigest } from '../db/digest';
import { importMentions } from '../ingest/import-job';
import { createManualMention } from '../mentions/commands';
import { createWarRoom } from '../room/war-room';
import { tempDir } from '../test-support/temp-dir';
import { testCores } from '../test-support/test-cores';
import { startSlaScheduler } from './sla-scheduler';

const cores = testCores();

const csv = [
  'id,channel,author,text,created_at',
  '1,twitter,@kim,my lawyer is on it,2026-11-23T10:00:00Z',
  '2,twitter,@kim,any news on my bag?,2026-11-23T10:05:00Z',
  '3,twitter,@lee,any news on my bag?,2026-11-23T10:06:00Z',
].join('\n');

describe('routing in imports', () => {
  it('routes each mention as it is prepared, the same on the station thread and on workers', async () => {
    const results = [];
    for (const thread of ['here', 'worker'] as const) {
      const { core, adminId } = await cores.openRoom();
      await importMentions(core, Readable.from([csv]), {
        format: 'csv',
        actor: adminId,
        connector: 'csv',
        bytesTotal: null,
        thread,
      });
      const rows = await core.db.all<{ id: string; external_id: string; department: string }>(
        'SELECT id, external_id, department, priority FROM mentions ORDER BY external_id',
      );
      // What routing decided at ingest, as the mention's routing view shows it.
      for (const r of rows)
        Object.assign(r, { atIngest: (await mentionRoutingView(core, r.id)).atIngest });
      results.push(rows);
    }
    const [here, worker] = results;
    expect(worker).toEqual(here);
    // No author history inside an import (ingest-router.ts): @kim's second mention is routed on
    // its own words, not after her first one.
    expect(here?.map((r) => [r.external_id, r.department])).toEqual([
      ['1', 'legal'],
      ['2', 'customer-care'],
      ['3', 'customer-care'],
    ]);
    expect(here?.[0]).toMatchObject({ atIngest: expect.anything() });
    expect((here?.[0] as { atIngest?: unknown } | undefined)?.atIngest).toMatchObject({
      department: 'legal',
      priority: 90,
      why: ["Legal threat: topic legal ('lawyer*')"],
    });
  });
});

describe('the same mention imported at two stations', () => {
  it('ends with the first copy, its due time and the same digest on both', async () => {
    const { core: a, adminId } = await cores.openRoom();
    const b = await cores.open();
    await b.applyReplicated(await allOps(a.db));
    const load = (core: StationCore) =>
      importMentions(core, Readable.from([csv]), {
        format: 'csv',
        actor: adminId,
        connector: 'csv',
        bytesTotal: null,
        thread: 'here',
      });
    await load(a);
    await new Promise((r) => setTimeout(r, 5));
    await load(b);
    const held = new Set((await allOps(b.db)).map((o) => o.id));
    await b.applyReplicated((await allOps(a.db)).filter((o) => !held.has(o.id)));
    await a.applyReplicated(await allOps(b.db));
    const due = (core: StationCore) =>
      core.db.all('SELECT id, recorded_hlc, sla_due, sla_warn_at FROM mentions ORDER BY id');
    expect(await due(b)).toEqual(await due(a));
    expect(await stateDigest(b.db)).toBe(await stateDigest(a.db));
    // A third desk given both copies in one batch, the later copy first: the earlier copy's
    // record time brings its due time with it.
    const c = await cores.open();
    await c.applyReplicated((await allOps(a.db)).reverse());
    expect(await due(c)).toEqual(await due(a));
  });
});

describe('SLA across a restart', () => {
  it('keeps the due time and breaches after the station comes back', async () => {
    const t = tempDir();
    cores.cleanups.push(t.cleanup);
    let core = await StationCore.open(t.dir);
    const { adminId } = await createWarRoom(core, {
      warRoom: 'Restart',
      username: 'lead',
      displayName: 'Lead',
      password: 'lead-password',
    });
    const m = await createManualMention(core, adminId, {
      channel: 'twitter',
      author: { handle: '@pat' },
      text: 'my lawyer is waiting',
    });
    await core.close();

    core = await StationCore.open(t.dir);
    const reopened = core;
    cores.cleanups.push(() => reopened.close());
    expect((await mentionById(core.db, m.id))?.sla?.due).toBe(m.sla?.due);
    // The scheduler's first tick on start breaches what came due while the station was down.
    const s = startSlaScheduler(core, () => (m.sla?.due ?? 0) + 60_000, 1e9);
    await s.tick();
    s.stop();
    expect((await allOps(core.db)).filter((o) => o.type === 'sla.breached')).toHaveLength(1);
    expect((await mentionById(core.db, m.id))?.priority).toBe(100);
  });
});
