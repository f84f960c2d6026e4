import { describe, expect, it } from 'vitest';
import { testCores } from '../test-support/test-cores';
import { createOperator } from '../room/war-room';
import { allOps } from '../db/queries/ops';
import { stateDigest } from '../db/digest';
import { effectOf } from '../db/queries/effects';
import { mentionById, mentionWindow } from '../db/queries/mention-reads';
import { MentionQuerySchema } from '../../../shared/contract/mentions';
import { actOnMention, createManualMention } from '../mentions/commands';
import type { StationCore } from '../core/core';
import type { MentionIngest } from '../ops/payloads';
import {
  mentionRoutingView,
  rerouteMention,
  setRoutingRules,
  setSlaTargets,
} from './routing-commands';
import { startSlaScheduler } from './sla-scheduler';
import { DEFAULT_SLA_TARGETS, targetMs } from '../../../shared/routing/sla';

const cores = testCores();
const MIN = 60_000;

async function room() {
  const { core, adminId } = await cores.openRoom();
  const add = (username: string, role: 'lead' | 'operator') =>
    createOperator(core, adminId, {
      username,
      displayName: username[0]?.toUpperCase() + username.slice(1),
      password: `${username}-password`,
      role,
      departments: [],
    });
  return {
    core,
    adminId,
    leadId: await add('ana', 'lead'),
    operatorId: await add('olga', 'operator'),
  };
}

const enter = (
  core: StationCore,
  actor: string,
  text: string,
  channel: 'twitter' | 'email' = 'twitter',
) => createManualMention(core, actor, { channel, author: { handle: '@pat' }, text });

/** A replica: a fresh core that is given every op of `from` (in the order given). */
async function replicaOf(from: StationCore, reverse = false): Promise<StationCore> {
  const replica = await cores.open();
  const ops = await allOps(from.db);
  await replica.applyReplicated(reverse ? [...ops].reverse() : ops);
  return replica;
}

describe('routing at ingest', () => {
  it('records the routing in the ingest payload; a replica derives the same mention', async () => {
    const { core, adminId } = await room();
    const m = await enter(core, adminId, 'My lawyer will hear about this delayed flight');
    expect(m.department).toBe('legal');
    expect(m.priority).toBe(90);
    const ingest = (await allOps(core.db)).find((o) => o.type === 'mention.ingest');
    const item = (ingest?.payload as MentionIngest).items[0];
    expect(item && 'enrichment' in item && item.enrichment.routing).toMatchObject({
      department: 'legal',
      priority: 90,
      tags: ['legal-threat'],
      why: ["Legal threat: topic legal ('lawyer*')"],
    });
    const view = await mentionRoutingView(core, m.id);
    expect(view.atIngest?.why).toEqual(["Legal threat: topic legal ('lawyer*')"]);

    const replica = await replicaOf(core);
    expect(await mentionById(replica.db, m.id)).toEqual(m);
    expect(await stateDigest(replica.db)).toBe(await stateDigest(core.db));
  });

  it('keeps a department the source gave over the rules', async () => {
    const { core, adminId } = await room();
    const m = await createManualMention(core, adminId, {
      channel: 'email',
      author: { handle: 'x@example.com' },
      text: 'I will sue you',
      department: 'hr',
    });
    expect(m.department).toBe('hr');
    expect(m.priority).toBe(90);
  });

  it('uses the author history from the database: a legal author stays with legal', async () => {
    const { core, adminId } = await room();
    await enter(core, adminId, 'My attorney has the letter ready');
    const next = await enter(core, adminId, 'Still waiting for an answer about my bag');
    expect(next.department).toBe('legal');
    expect((await mentionRoutingView(core, next.id)).atIngest?.why).toEqual([
      'Ongoing legal matter: author last routed to legal',
    ]);
  });

  it('routes with the room rules an admin sets; bad YAML is refused with its line', async () => {
    const { core, adminId, operatorId } = await room();
    const yaml = [
      'version: 1',
      'rules:',
      '  - name: Bags',
      '    when: { keywords: [bag] }',
      '    then: { department: sales, priority: 42 }',
    ].join('\n');
    await setRoutingRules(core, adminId, yaml);
    const m = await enter(core, adminId, 'Where is my bag');
    expect([m.department, m.priority]).toEqual(['sales', 42]);

    await expect(
      setRoutingRules(
        core,
        adminId,
        'version: 1\nrules:\n  - name: x\n    then: { department: moon }\n',
      ),
    ).rejects.toThrow(/line 4: /);
    // An operator's routing.set (a desk refuses it; a forged op has no effect anywhere).
    const applied = await core.commit([
      {
        type: 'routing.set',
        v: 1,
        actor: operatorId,
        subject: 'routing',
        payload: { yaml: 'version: 1\nrules: []\n' },
      },
    ]);
    expect((await effectOf(core.db, applied.ops[0]?.id ?? ''))?.effect).toBe('refused');
    expect((await enter(core, adminId, 'my bag again')).department).toBe('sales');
  });
});

describe('re-routing by hand', () => {
  it('a lead re-routes (latest wins); an operator is refused; replicas agree in any order', async () => {
    const { core, adminId, leadId, operatorId } = await room();
    const m = await enter(core, adminId, 'Where is my refund');
    expect(m.department).toBe('customer-care');
    const r1 = await rerouteMention(core, leadId, {
      mentionId: m.id,
      department: 'pr',
      priority: 70,
      reason: 'going viral',
    });
    expect([r1.department, r1.priority]).toEqual(['pr', 70]);
    await expect(
      rerouteMention(core, operatorId, { mentionId: m.id, department: 'hr', reason: 'mine' }),
    ).rejects.toThrow(/only a lead or an admin/);
    const r2 = await rerouteMention(core, adminId, {
      mentionId: m.id,
      department: 'legal',
      reason: 'threat',
    });
    expect([r2.department, r2.priority]).toEqual(['legal', m.priority]);
    const view = await mentionRoutingView(core, m.id);
    expect(view.reroute).toMatchObject({ by: adminId, byName: 'Lead', reason: 'threat' });
    expect(view.atIngest?.department).toBe('customer-care');

    const replica = await replicaOf(core, true);
    expect(await stateDigest(replica.db)).toBe(await stateDigest(core.db));
  });
});

describe('SLA', () => {
  it('gives each mention a due time by priority band and channel', async () => {
    const { core, adminId } = await room();
    const legal = await enter(core, adminId, 'My lawyer will call you');
    const rec = Date.parse(legal.recordedAt);
    expect(legal.sla?.due).toBe(rec + 15 * MIN);
    expect(legal.sla?.warnAt).toBe(rec + 11.25 * MIN);
    const mail = await enter(core, adminId, 'My lawyer will write to you', 'email');
    expect(mail.sla?.due).toBe(Date.parse(mail.recordedAt) + 30 * MIN);
    const plain = await enter(core, adminId, 'Nice flight today');
    expect(plain.sla?.due).toBe(
      Date.parse(plain.recordedAt) + targetMs(DEFAULT_SLA_TARGETS, plain.priority, 'twitter'),
    );
    // New targets re-time every mention; a re-route's priority re-times that mention.
    await setSlaTargets(core, adminId, {
      bands: [{ name: 'all', minPriority: 0, minutes: 1 }],
      channelFactors: {},
      warnAtShare: 0.5,
    });
    expect((await mentionById(core.db, mail.id))?.sla).toEqual({
      due: Date.parse(mail.recordedAt) + MIN,
      warnAt: Date.parse(mail.recordedAt) + 30_000,
      breachedAt: null,
    });
  });

  it('sorts the queue by response due: open mentions first, soonest due on top', async () => {
    const { core, adminId } = await room();
    const low = await enter(core, adminId, 'Nice flight today');
    const legal = await enter(core, adminId, 'My lawyer will call you');
    const done = await enter(core, adminId, 'My attorney too');
    await actOnMention(core, adminId, done.id, 'mention.answer');
    const page = await mentionWindow(core.db, MentionQuerySchema.parse({ sort: 'due' }), 0, 10);
    expect(page.rows.map((r) => r.id)).toEqual([legal.id, low.id, done.id]);
  });

  it('a breach is written once per station, takes effect once across two stations', async () => {
    const { core, adminId } = await room();
    const m = await enter(core, adminId, 'My lawyer is waiting');
    const late = () => (m.sla?.due ?? 0) + 1;
    const other = await replicaOf(core);
    const a = startSlaScheduler(core, late, 1e9);
    const b = startSlaScheduler(other, late, 1e9);
    await Promise.all([a.tick(), b.tick()]);
    await Promise.all([a.tick(), b.tick()]);
    a.stop();
    b.stop();
    const breaches = async (c: StationCore) =>
      (await allOps(c.db)).filter((o) => o.type === 'sla.breached');
    expect(await breaches(core)).toHaveLength(1);
    // Each applies the other's breach: both ops stay, the priority rises once.
    await core.applyReplicated(await breaches(other));
    await other.applyReplicated(await breaches(core));
    expect(await breaches(core)).toHaveLength(2);
    const after = await mentionById(core.db, m.id);
    expect(after?.priority).toBe(100);
    expect(after?.sla?.breachedAt).not.toBeNull();
    expect(await stateDigest(other.db)).toBe(await stateDigest(core.db));
    // A lead's later re-route keeps the breach raise on top of its priority.
    const { leadId } = { leadId: adminId };
    const r = await rerouteMention(core, leadId, {
      mentionId: m.id,
      department: 'pr',
      priority: 50,
      reason: 'r',
    });
    expect(r.priority).toBe(70);
  });

  it('a breach written apart from a desk that answered in time has no effect after the merge', async () => {
    const { core, adminId } = await room();
    const m = await enter(core, adminId, 'My lawyer is waiting');
    const other = await replicaOf(core);
    await actOnMention(core, adminId, m.id, 'mention.answer');
    const s = startSlaScheduler(other, () => (m.sla?.due ?? 0) + 1, 1e9);
    await s.tick();
    s.stop();
    expect((await mentionById(other.db, m.id))?.priority).toBe(100);
    const held = new Set((await allOps(core.db)).map((o) => o.id));
    await core.applyReplicated((await allOps(other.db)).filter((o) => !held.has(o.id)));
    await other.applyReplicated(await allOps(core.db));
    for (const c of [core, other])
      expect(await mentionById(c.db, m.id)).toMatchObject({
        status: 'answered',
        priority: m.priority,
        sla: { breachedAt: null },
      });
    expect(await stateDigest(other.db)).toBe(await stateDigest(core.db));
  });

  it('stops when answered: no breach for a mention answered in time', async () => {
    const { core, adminId } = await room();
    const m = await enter(core, adminId, 'My lawyer is waiting');
    await actOnMention(core, adminId, m.id, 'mention.answer');
    const s = startSlaScheduler(core, () => (m.sla?.due ?? 0) + MIN, 1e9);
    await s.tick();
    s.stop();
    expect((await allOps(core.db)).filter((o) => o.type === 'sla.breached')).toHaveLength(0);
    expect((await mentionById(core.db, m.id))?.priority).toBe(m.priority);
  });
});
