import { describe, expect, it } from 'vitest';
import type { EventView, PlanView, StaffingStatus } from '../../../shared/contract/staffing';
import { deskRoom } from '../test-support/desk-room';
import { call } from '../test-support/station-client';

const room = deskRoom([
  { username: 'lena', displayName: 'Lena', role: 'lead', departments: ['customer-care'] },
  { username: 'olga', displayName: 'Olga', role: 'operator', departments: ['customer-care'] },
]);

const start = Date.parse('2026-12-31T20:00:00Z');
const at = (i: number) => new Date(start + i * 30 * 60_000).toISOString();
const event = (over: Record<string, unknown> = {}) => ({
  name: 'New Year gala',
  start: at(0),
  end: at(4),
  brands: ['Aurora'],
  topics: ['tickets'],
  forecast: {
    intervals: [120, 600, 1500, 300].map((mentions, i) => ({ start: at(i), mentions })),
    ahtSeconds: 240,
    concurrency: 2,
    target: { share: 0.9, withinSeconds: 900 },
    shrinkage: 0.2,
  },
  ...over,
});

describe('staffing desk commands', () => {
  it('refuses events that do not add up, and operators', async () => {
    const lena = await room.desk('lena');
    const olga = await room.desk('olga');
    const backwards = await call(lena, 'staffing.saveEvent', event({ end: at(-1) }));
    expect(backwards).toMatchObject({ ok: false, code: 'invalid' });
    expect(backwards.ok || backwards.message).toMatch(/end after it starts/);
    const shuffled = event();
    shuffled.forecast.intervals.reverse();
    const order = await call(lena, 'staffing.saveEvent', shuffled);
    expect(order.ok || order.message).toMatch(/time order/);
    const noName = await call(lena, 'staffing.saveEvent', event({ name: ' ' }));
    expect(noName.ok || noName.message).toMatch(/give the event a name/);
    const badTarget = event();
    badTarget.forecast.target.share = 90;
    expect(await call(lena, 'staffing.saveEvent', badTarget)).toMatchObject({ ok: false });
    expect(await call(olga, 'staffing.saveEvent', event())).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
  });

  it('saves an event and plans it per interval, with its peak', async () => {
    const lena = await room.desk('lena');
    const saved = await call(lena, 'staffing.saveEvent', event());
    expect(saved.ok).toBe(true);
    const e = (saved as unknown as { event: EventView }).event;
    expect(e).toMatchObject({ name: 'New Year gala', brands: ['Aurora'], cancelled: false });
    expect(e.forecast.maxOccupancy).toBe(0.85);
    const olga = await room.desk('olga');
    const r = await call(olga, 'staffing.plan', { eventId: e.id });
    const plan = (r as unknown as { plan: PlanView }).plan;
    expect(plan.intervals.map((iv) => iv.arrivals)).toEqual([120, 600, 1500, 300]);
    expect(plan.peak.start).toBe(at(2));
    // 1,500 in 30 min at 240 s / 2 conversations = 100 operator-Erlangs → ≥ 118 at 85 %, / 0.8.
    expect(plan.peak.staff).toBeGreaterThanOrEqual(Math.ceil(100 / 0.85 / 0.8));
    expect(plan.intervals.every((iv) => iv.serviceLevel >= 0.9)).toBe(true);
    expect(plan.staffHours).toBeGreaterThan(0);
    const list = await call(olga, 'staffing.events', {});
    expect((list as unknown as { events: EventView[] }).events.map((x) => x.id)).toContain(e.id);
    const edited = await call(lena, 'staffing.saveEvent', {
      ...event(),
      eventId: e.id,
      name: 'Gala',
    });
    expect((edited as unknown as { event: EventView }).event).toMatchObject({
      id: e.id,
      name: 'Gala',
    });
    const cancelled = await call(lena, 'staffing.cancelEvent', { eventId: e.id });
    expect((cancelled as unknown as { event: EventView }).event.cancelled).toBe(true);
    expect(await call(olga, 'staffing.plan', { eventId: 'nope' })).toMatchObject({
      ok: false,
      code: 'not-found',
    });
  });

  it('lets a lead set the level (every desk hears it) and hand it back to the measurements', async () => {
    const lena = await room.desk('lena');
    const olga = await room.desk('olga');
    const heard = new Promise<StaffingStatus>((resolve) =>
      olga.on('staffing.changed', (s) => {
        if (s.level === 'surge') resolve(s);
      }),
    );
    expect(await call(olga, 'staffing.set', { level: 'surge', reason: 'me' })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    expect(await call(lena, 'staffing.set', { level: 'surge', reason: ' ' })).toMatchObject({
      ok: false,
      code: 'invalid',
    });
    const set = await call(lena, 'staffing.set', { level: 'surge', reason: 'stage collapse' });
    const status = (set as unknown as { status: StaffingStatus }).status;
    expect(status).toMatchObject({ level: 'surge', mode: 'manual' });
    expect(status.why).toBe('Surge: set by Lena: stage collapse');
    expect(status.changes[0]).toMatchObject({ from: 'normal', to: 'surge', banner: true });
    expect((await heard).why).toMatch(/stage collapse/);
    const auto = await call(lena, 'staffing.auto', {});
    expect((auto as unknown as { status: StaffingStatus }).status.mode).toBe('auto');
  });

  it("lets a lead set the room's own thresholds, naming any mistake's path", async () => {
    const lena = await room.desk('lena');
    const olga = await room.desk('olga');
    const before = await call(olga, 'staffing.status', {});
    expect(before).toMatchObject({ ok: true, status: { thresholdsSource: 'default' } });
    const mine = { elevated: { enter: { queueDepth: 5 }, exit: { queueDepth: 3 } } };
    expect(await call(olga, 'staffing.configure', { thresholds: mine })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    const wrong = await call(lena, 'staffing.configure', {
      thresholds: { surge: { enter: { queueDepth: 2 } } },
    });
    expect(wrong).toMatchObject({ ok: false, code: 'invalid' });
    expect(wrong.ok || wrong.message).toMatch(/surge\.enter\.queueDepth: 2 is below elevated/);
    const set = await call(lena, 'staffing.configure', { thresholds: mine });
    const status = (set as unknown as { status: StaffingStatus }).status;
    expect(status.thresholdsSource).toBe('room');
    expect(status.thresholds.elevated.enter.queueDepth).toBe(5);
    expect(status.thresholds.surge.enter.queueDepth).toBe(100); // the rest keep their defaults
    const seen = await call(olga, 'staffing.status', {});
    expect((seen as unknown as { status: StaffingStatus }).status.thresholds).toEqual(
      status.thresholds,
    );
  });
});
