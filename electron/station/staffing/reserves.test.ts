import { describe, expect, it } from 'vitest';
import { testCores } from '../test-support/test-cores';
import { allOps } from '../db/queries/ops';
import type { StaffingChangeRow } from '../db/queries/staffing';
import { SYSTEM_ACTOR } from '../ops/op';
import { STAFFING_SUBJECT } from '../ops/staffing-payloads';
import { callReserves, onReservesNeeded } from './reserves';

const cores = testCores();
const T0 = Date.parse('2026-11-20T18:00:00Z');

describe('calling the reserves in', () => {
  it('happens on the station whose op raised the level, once per rise, and nowhere else', async () => {
    const { core } = await cores.openRoom();
    const called: StaffingChangeRow[] = [];
    const stop = onReservesNeeded(core, (c) => void called.push(c));
    const queues = [0, ...Array(6).fill(30), ...Array(8).fill(120), ...Array(3).fill(120)];
    for (const [i, queueDepth] of queues.entries()) {
      const applied = await core.commit([
        {
          type: 'staffing.sample',
          v: 1,
          actor: SYSTEM_ACTOR,
          subject: STAFFING_SUBJECT,
          payload: {
            at: T0 + i * 30_000,
            measurements: {
              arrivalsPerMinute: 1,
              queueDepth,
              oldestWaitingSeconds: 0,
              neededHeadcount: 1,
              presentHeadcount: 1,
            },
          },
        },
      ]);
      await callReserves(core, applied);
    }
    stop();
    expect(called.map((c) => c.to_level)).toEqual(['elevated', 'surge']);
    const replica = await cores.open();
    expect(await callReserves(replica, await replica.applyReplicated(await allOps(core.db)))).toBe(
      0,
    );
  });
});
