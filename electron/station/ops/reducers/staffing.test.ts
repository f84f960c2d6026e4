import { describe, expect, it } from 'vitest';
import { testCores } from '../../test-support/test-cores';
import { createOperator } from '../../room/war-room';
import { allOps } from '../../db/queries/ops';
import { stateDigest } from '../../db/digest';
import { effectOf } from '../../db/queries/effects';
import { eventById, recentStaffingChanges, staffingState } from '../../db/queries/staffing';
import type { StationCore } from '../../core/core';
import type { StaffingMeasurements } from '../../../../shared/staffing/staffing-thresholds';
import { SYSTEM_ACTOR, type Op } from '../op';
import { STAFFING_SUBJECT } from '../staffing-payloads';

const cores = testCores();
const T0 = Date.parse('2026-11-20T18:00:00Z');
const calm: StaffingMeasurements = {
  arrivalsPerMinute: 1,
  queueDepth: 0,
  oldestWaitingSeconds: 0,
  neededHeadcount: 1,
  presentHeadcount: 1,
};

const sample = (at: number, m: Partial<StaffingMeasurements>) => ({
  type: 'staffing.sample',
  v: 1,
  actor: SYSTEM_ACTOR,
  subject: STAFFING_SUBJECT,
  payload: { at, measurements: { ...calm, ...m } },
});

/** Samples every 30 s from `from`, with the queue at each given depth in turn. */
async function samples(core: StationCore, from: number, queues: number[]): Promise<void> {
  for (const [i, queueDepth] of queues.entries())
    await core.commit([sample(from + i * 30_000, { queueDepth })]);
}

async function room() {
  const { core, adminId } = await cores.openRoom();
  const operatorId = await createOperator(core, adminId, {
    username: 'olga',
    displayName: 'Olga',
    password: 'olga-password',
    role: 'operator',
    departments: [],
  });
  return { core, adminId, operatorId };
}

const level = async (core: StationCore) => (await staffingState(core.db))?.level;

describe('staffing level fold', () => {
  it('rises to elevated, then surge, on a replayed surge, with the banner and reserves flags', async () => {
    const { core } = await room();
    // Queue of 30 (≥ 25: elevated after 2 min), then 120 (≥ 100: surge after 3 min).
    await samples(core, T0, [0, 0, ...Array(6).fill(30), ...Array(8).fill(120)]);
    expect(await level(core)).toBe('surge');
    const changes = (await recentStaffingChanges(core.db)).reverse();
    expect(changes.map((c) => [c.from_level, c.to_level])).toEqual([
      ['normal', 'elevated'],
      ['elevated', 'surge'],
    ]);
    expect(changes[0]?.why).toMatch(/^Elevated: queue 30 ≥ 25/);
    expect(changes[1]?.why).toMatch(/^Surge: queue 120 ≥ 100/);
    expect(changes.every((c) => c.banner === 1 && c.notify_reserves === 1)).toBe(true);
    // The change names the sample op that caused it.
    const ops = await allOps(core.db);
    const cause = ops.find((o) => o.id === changes[0]?.op_id);
    expect(cause?.type).toBe('staffing.sample');
  });

  it('lets a lead set the level and hand it back, and refuses an operator', async () => {
    const { core, adminId, operatorId } = await room();
    await samples(core, T0, [0, 0]);
    const set = (actor: string, lvl: string) =>
      core.commit([
        {
          type: 'staffing.set',
          v: 1,
          actor,
          subject: STAFFING_SUBJECT,
          payload: { level: lvl, reason: 'the keynote starts' },
        },
      ]);
    const refused = await set(operatorId, 'surge');
    expect(await effectOf(core.db, refused.ops[0]?.id as string)).toEqual({
      effect: 'refused',
      reason: 'only a lead or an admin may set the staffing level',
    });
    expect(await level(core)).toBe('normal');
    await set(adminId, 'surge');
    const state = await staffingState(core.db);
    expect([state?.level, state?.mode]).toEqual(['surge', 'manual']);
    const [change] = await recentStaffingChanges(core.db);
    expect(change?.by).toBe(adminId);
    expect(change?.why).toMatch(/the keynote starts/);
    expect(change?.banner).toBe(1);
    await core.commit([
      { type: 'staffing.auto', v: 1, actor: adminId, subject: STAFFING_SUBJECT, payload: {} },
    ]);
    expect((await staffingState(core.db))?.mode).toBe('auto');
  });

  it('gives the same level and changes whatever order the ops arrive in', async () => {
    const { core, adminId } = await room();
    await samples(core, T0, [0, 30, 30, 30, 30, 30, 120, 120, 120, 120, 120, 120, 120]);
    await core.commit([
      {
        type: 'staffing.set',
        v: 1,
        actor: adminId,
        subject: STAFFING_SUBJECT,
        payload: { level: 'elevated', reason: 'holding' },
      },
    ]);
    await samples(core, T0 + 20 * 30_000, [0, 0, 0]);
    const ops = await allOps(core.db);
    const expected = {
      digest: await stateDigest(core.db),
      changes: await recentStaffingChanges(core.db),
    };
    expect(expected.changes.length).toBeGreaterThanOrEqual(3);
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (const order of ['reversed', 'shuffled', 'shuffled']) {
      const replica = await cores.open();
      const list: Op[] =
        order === 'reversed' ? [...ops].reverse() : [...ops].sort(() => random() - 0.5);
      // Several batches, so each batch after the first meets a cached state to continue or redo.
      for (let i = 0; i < list.length; i += 4) await replica.applyReplicated(list.slice(i, i + 4));
      expect(await recentStaffingChanges(replica.db)).toEqual(expected.changes);
      expect(await stateDigest(replica.db)).toBe(expected.digest);
    }
  });

  it('re-checks who may plan events, and keeps a cancelled event cancelled', async () => {
    const { core, adminId, operatorId } = await room();
    const payload = {
      name: 'Launch',
      start: '2026-12-01T18:00:00.000Z',
      end: '2026-12-01T19:00:00.000Z',
      brands: [],
      topics: [],
      forecast: {
        intervals: [
          { start: '2026-12-01T18:00:00.000Z', mentions: 100 },
          { start: '2026-12-01T18:30:00.000Z', mentions: 300 },
        ],
        intervalMinutes: 30,
        ahtSeconds: 240,
        concurrency: 1,
        target: { share: 0.9, withinSeconds: 900 },
        shrinkage: 0,
        maxOccupancy: 0.85,
      },
    };
    const save = (actor: string, subject: string, p: object = payload) =>
      core.commit([{ type: 'event.save', v: 1, actor, subject, payload: p }]);
    const byOperator = await save(operatorId, 'event-1');
    expect(await effectOf(core.db, byOperator.ops[0]?.id as string)).toMatchObject({
      effect: 'refused',
      reason: 'only a lead or an admin may plan events',
    });
    expect(await eventById(core.db, 'event-1')).toBeUndefined();
    const invalid = await save(adminId, 'event-2', { ...payload, end: payload.start });
    expect((await effectOf(core.db, invalid.ops[0]?.id as string))?.reason).toMatch(
      /end after it starts/,
    );
    await save(adminId, 'event-1');
    expect((await eventById(core.db, 'event-1'))?.name).toBe('Launch');
    await core.commit([
      { type: 'event.cancel', v: 1, actor: adminId, subject: 'event-1', payload: {} },
    ]);
    const late = await save(adminId, 'event-1', { ...payload, name: 'Relaunch' });
    expect((await effectOf(core.db, late.ops[0]?.id as string))?.reason).toMatch(/cancelled/);
    const row = await eventById(core.db, 'event-1');
    expect([row?.name, row?.cancelled_hlc !== null]).toEqual(['Launch', true]);
  });
});
