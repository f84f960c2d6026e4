import { describe, expect, it } from 'vitest';
import type { AssignedNotice, SlaBreachNotice } from '../../../shared/contract/routing';
import type { Mention } from '../../../shared/domain/mention';
import { startSlaScheduler } from '../routing/sla-scheduler';
import { deskRoom } from '../test-support/desk-room';
import { call } from '../test-support/station-client';

const room = deskRoom([
  { username: 'lena', displayName: 'Lena', role: 'lead', departments: ['legal'] },
  { username: 'olga', displayName: 'Olga', role: 'operator', departments: ['legal'] },
]);

describe('routing desk commands', () => {
  it('lets admins set rules and targets, leads re-route, and refuses operators', async () => {
    const admin = await room.desk('lead');
    const lena = await room.desk('lena');
    const olga = await room.desk('olga');

    const rules = await call(olga, 'routing.get', {});
    expect(rules).toMatchObject({ ok: true, source: 'default' });
    expect(await call(olga, 'routing.set', { yaml: 'version: 1\nrules: []\n' })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    const bad = await call(admin, 'routing.set', { yaml: 'version: 1\nrules:\n  - name: x\n' });
    expect(bad).toMatchObject({ ok: false, code: 'invalid' });
    expect(bad.ok || bad.message).toMatch(/^line 3: /);

    const created = await call(admin, 'mention.create', {
      channel: 'twitter',
      author: { handle: '@rita' },
      text: 'My lawyer will call you',
    });
    if (!created.ok) throw new Error(created.message);
    const id = (created.mention as Mention).id;
    expect(created.mention).toMatchObject({ department: 'legal', priority: 90 });

    expect(
      await call(olga, 'mention.route', { mentionId: id, department: 'pr', reason: 'mine now' }),
    ).toMatchObject({ ok: false, code: 'forbidden' });
    const routed = await call(lena, 'mention.route', {
      mentionId: id,
      department: 'pr',
      priority: 60,
      reason: 'press picked it up',
    });
    expect(routed).toMatchObject({ ok: true, mention: { department: 'pr', priority: 60 } });
    const view = await call(olga, 'mention.routing', { mentionId: id });
    expect(view).toMatchObject({
      ok: true,
      routing: {
        department: 'pr',
        reroute: { byName: 'Lena', reason: 'press picked it up' },
        atIngest: { department: 'legal', priority: 90 },
      },
    });

    expect(
      await call(olga, 'sla.set', {
        targets: { bands: [{ name: 'all', minPriority: 0, minutes: 1 }] },
      }),
    ).toMatchObject({ ok: false, code: 'forbidden' });
    const sla = await call(admin, 'sla.set', {
      targets: { bands: [{ name: 'all', minPriority: 0, minutes: 1 }] },
    });
    expect(sla).toMatchObject({ ok: true, source: 'room', targets: { warnAtShare: 0.75 } });
  });

  it('tells leads and admins of a breach, not operators', async () => {
    const admin = await room.desk('lead');
    const lena = await room.desk('lena');
    const olga = await room.desk('olga');
    const heard = { lena: [] as SlaBreachNotice[], olga: [] as SlaBreachNotice[] };
    lena.on('sla.breached', (n) => heard.lena.push(n));
    olga.on('sla.breached', (n) => heard.olga.push(n));
    const created = await call(admin, 'mention.create', {
      channel: 'twitter',
      author: { handle: '@sam' },
      text: 'Journalist here, for a story on your delays',
    });
    if (!created.ok) throw new Error(created.message);
    const mention = created.mention as Mention;
    const due = mention.sla?.due ?? 0;
    const scheduler = startSlaScheduler(room.station().core, () => due + 1, 1e9);
    await scheduler.tick();
    scheduler.stop();
    // The first test's mention (1-minute target) is long due too: look for this one.
    const mine = () => heard.lena.filter((n) => n.mentionId === mention.id);
    await expect.poll(() => mine().length).toBe(1);
    expect(mine()[0]).toMatchObject({ priority: 100, department: 'corporate-communications' });
    expect(heard.olga).toHaveLength(0);
  });

  it('pushes a mention to an operator on shift for its department, and tells only them', async () => {
    const admin = await room.desk('lead');
    const lena = await room.desk('lena');
    const olga = await room.desk('olga');
    const heard = { lena: [] as AssignedNotice[], olga: [] as AssignedNotice[] };
    lena.on('mention.assigned', (n) => heard.lena.push(n));
    olga.on('mention.assigned', (n) => heard.olga.push(n));
    expect(await call(olga, 'roster.checkIn', { department: 'legal', capacity: 5 })).toMatchObject({
      ok: true,
    });
    const created = await call(admin, 'mention.create', {
      channel: 'email',
      author: { handle: 'tom@example.com' },
      text: 'My attorney is preparing a lawsuit over the lost wheelchair',
    });
    if (!created.ok) throw new Error(created.message);
    const id = (created.mention as Mention).id;
    const mine = () => heard.olga.filter((n) => n.mentionId === id);
    await expect.poll(() => mine().length, { timeout: 5_000 }).toBe(1);
    expect(mine()[0]).toMatchObject({ department: 'legal', overflow: false, priority: 90 });
    const shown = await call(olga, 'mention.get', { mentionId: id });
    expect(shown).toMatchObject({ ok: true, mention: { claim: { operatorName: 'Olga' } } });
    // The mention's history says it was assigned (by the room, for Olga).
    const history = shown.ok ? (shown.history as { type: string }[]) : [];
    expect(history.map((e) => e.type)).toContain('mention.assign');
    expect(heard.lena).toHaveLength(0);
  });
});
