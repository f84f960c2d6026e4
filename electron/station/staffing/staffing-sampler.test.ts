import { describe, expect, it } from 'vitest';
import { testCores } from '../test-support/test-cores';
import { allOps } from '../db/queries/ops';
import { staffingState } from '../db/queries/staffing';
import { actOnMention, claimMention, createManualMention } from '../mentions/commands';
import { decidingStation } from './deciding-station';
import { measureStaffing } from './measure';
import { startStaffingSampler, worthRecording } from './staffing-sampler';
import type { StationCore } from '../core/core';

const cores = testCores();
const samplesIn = async (core: StationCore) =>
  (await allOps(core.db)).filter((o) => o.type === 'staffing.sample').length;

describe('staffing sampler', () => {
  it('samples on the lowest station id among those connected, only', async () => {
    const a = await cores.openRoom();
    const b = await cores.openRoom();
    const ids = [a.core.stationId, b.core.stationId].sort();
    const run = (core: StationCore, other: StationCore) => {
      const s = startStaffingSampler(core, { peers: () => [other.stationId] });
      cores.cleanups.push(() => s.stop());
      return s.tick();
    };
    const sampled = { a: await run(a.core, b.core), b: await run(b.core, a.core) };
    const lowestIsA = ids[0] === a.core.stationId;
    expect(sampled).toEqual({ a: lowestIsA, b: !lowestIsA });
    expect(await samplesIn(a.core)).toBe(lowestIsA ? 1 : 0);
    expect(await samplesIn(b.core)).toBe(lowestIsA ? 0 : 1);
    // Alone, each decides for itself.
    expect(decidingStation('st-b', [])).toBe('st-b');
    expect(decidingStation('st-b', ['st-c', 'st-a'])).toBe('st-a');
  });

  it('does not sample before the station belongs to a room', async () => {
    const core = await cores.open();
    const s = startStaffingSampler(core, { peers: () => [] });
    cores.cleanups.push(() => s.stop());
    expect(await s.tick()).toBe(false);
    expect(await samplesIn(core)).toBe(0);
  });

  it('measures arrivals, the unheld queue, the oldest waiting and the head-count needed', async () => {
    const { core, adminId } = await cores.openRoom();
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      const m = await createManualMention(core, adminId, {
        channel: 'phone',
        author: { handle: `caller-${i}` },
        text: `Where is my refund? (${i})`,
      });
      ids.push(m.id);
    }
    await claimMention(core, adminId, ids[0] as string, null);
    await actOnMention(core, adminId, ids[0] as string, 'mention.answer');
    await claimMention(core, adminId, ids[1] as string, null);
    const now = Date.now() + 60_000;
    const m = await measureStaffing(core, now);
    expect(m.arrivalsPerMinute).toBe(2);
    expect(m.queueDepth).toBe(8);
    expect(m.oldestWaitingSeconds).toBeGreaterThanOrEqual(59);
    expect(m.oldestWaitingSeconds).toBeLessThan(120);
    expect(m.neededHeadcount).toBeGreaterThanOrEqual(1);
    expect(m.presentHeadcount).toBe(0);
    // The sample op carries them, and every station folds it.
    const s = startStaffingSampler(core, { peers: () => [], now: () => now });
    cores.cleanups.push(() => s.stop());
    expect(await s.tick()).toBe(true);
    const state = await staffingState(core.db);
    expect(JSON.parse(state?.measurements ?? 'null')).toMatchObject({ queueDepth: 8 });
  });
});

describe('what a sample is worth', () => {
  it('skips an unchanged quiet sample, but never one above a threshold or past the refresh', async () => {
    const { core } = await cores.openRoom();
    let now = Date.parse('2026-11-20T18:00:00Z');
    const s = startStaffingSampler(core, { peers: () => [], now: () => now });
    cores.cleanups.push(() => s.stop());
    expect(await s.tick()).toBe(true);
    now += 30_000;
    expect(await s.tick()).toBe(false); // an empty room, as it was
    now += 4 * 60_000;
    expect(await s.tick()).toBe(true); // still recorded every 4 minutes
    const state = await staffingState(core.db);
    const held = { ...JSON.parse(state?.measurements ?? '{}'), queueDepth: 30 };
    const raised = { ...state!, measurements: JSON.stringify(held) };
    expect(worthRecording(raised, held, (state?.measured_at ?? 0) + 30_000)).toBe(true);
  });
});
