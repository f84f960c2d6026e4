import { afterEach, describe, expect, it } from 'vitest';
import { StationCore } from '../core/core';
import { stateDigest } from '../db/digest';
import { effectOf } from '../db/queries/effects';
import { opsToShip } from '../db/queries/sync';
import { runById } from '../db/queries/runs';
import { saveBootstrap } from '../room/join';
import { createOperator, createWarRoom } from '../room/war-room';
import { startRunTimers } from '../scheduler/run-timers';
import { tempDir } from '../test-support/temp-dir';
import { SMALL_PLAYBOOK } from '../../../shared/playbooks/playbook-fixture';
import type { RunContext } from '../../../shared/playbooks/run-types';
import { actOnRun, startRun } from './run-commands';
import { refoldStaleRuns } from '../ops/reducers/runs';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A station with a room and three accounts (lead = admin, ana = operator, gil = approver). */
async function station(dir = tempDir().dir, now?: () => number) {
  const core = await StationCore.open(dir, now ? { now } : {});
  cleanups.push(() => core.close());
  const { adminId: lead } = await createWarRoom(core, {
    warRoom: 'Recall',
    username: 'lead',
    displayName: 'Lea',
    password: 'lead-password',
  });
  const make = (username: string, role: 'operator' | 'approver') =>
    createOperator(core, lead, {
      username,
      displayName: username,
      password: `${username}-password`,
      role,
      departments: [],
    });
  return {
    core,
    dir,
    lead,
    ana: await make('ana', 'operator'),
    gil: await make('gil', 'approver'),
  };
}

/**
 * Station A with a room and a run of the small playbook, and station B a replica of A's room (it
 * trusts A as a joined station does, and A admits it). `ship` hands every op one holds to the other.
 */
async function twoStationsWithRun(now: () => number) {
  const a = await station(tempDir().dir, now);
  const b = await StationCore.open(tempDir().dir, { now });
  cleanups.push(() => b.close());
  await saveBootstrap(b.db, {
    roomId: (await a.core.read.get<{ id: string }>('SELECT id FROM room'))?.id as string,
    members: [
      { stationId: a.core.stationId, publicKey: a.core.key.publicKeyPem, tlsCert: a.core.tls.cert },
    ],
  });
  await a.core.commit([
    {
      type: 'station.admit',
      v: 1,
      actor: a.lead,
      subject: b.stationId,
      payload: {
        stationId: b.stationId,
        publicKey: b.key.publicKeyPem,
        name: 'B',
        tlsCert: b.tls.cert,
      },
    },
  ]);
  const run = await startRun(a.core, a.lead, {
    yaml: SMALL_PLAYBOOK,
    playbookId: 'small-recall',
    commanderId: a.lead,
  });
  const ship = async (from: StationCore, to: StationCore) => {
    for (const origin of [a.core.stationId, b.stationId])
      await to
        .applyFromPeer(await opsToShip(from.read, origin, 0, 900 * 1024))
        .catch(() => undefined);
  };
  await ship(a.core, b);
  return { a, b, run, ship };
}

const contextOf = async (core: StationCore, runId: string) =>
  JSON.parse((await runById(core.read, runId))?.context ?? 'null') as RunContext;

describe('playbook runs over the op log', () => {
  it('derives the run from its ops; a gate refuses the wrong role and keeps the refusal', async () => {
    const { core, lead, ana, gil } = await station();
    const run = await startRun(core, lead, {
      yaml: SMALL_PLAYBOOK,
      playbookId: 'small-recall',
      commanderId: lead,
    });
    expect(run).toMatchObject({ state: 'assess', severity: 'SEV3', playbook_id: 'small-recall' });
    await actOnRun(core, lead, run.id, {
      type: 'run.step',
      stepId: 'confirm-scope',
      note: 'batches 12-14',
    });
    await actOnRun(core, ana, run.id, { type: 'run.step', stepId: 'holding-statement' });
    await expect(
      actOnRun(core, ana, run.id, { type: 'run.approve', stepId: 'holding-statement' }),
    ).rejects.toThrow(/not allowed for this role/);
    await expect(actOnRun(core, lead, run.id, { type: 'run.advance' })).rejects.toThrow(
      /not allowed/,
    );
    await actOnRun(core, gil, run.id, { type: 'run.approve', stepId: 'holding-statement' });
    const moved = await actOnRun(core, lead, run.id, { type: 'run.advance' });
    expect(moved.state).toBe('review');
    const ctx = await contextOf(core, run.id);
    expect(ctx.steps['confirm-scope']?.done).toMatchObject({ by: lead, note: 'batches 12-14' });
    expect(ctx.steps['holding-statement']?.approved).toMatchObject({ by: gil, role: 'approver' });
  });

  it('re-derives a run cached by an older engine, and records when a step happened', async () => {
    const { core, lead } = await station();
    const run = await startRun(core, lead, {
      yaml: SMALL_PLAYBOOK,
      playbookId: 'small-recall',
      commanderId: lead,
    });
    const earlier = new Date(Date.now() - 20 * 60_000).toISOString();
    await actOnRun(core, lead, run.id, { type: 'run.step', stepId: 'confirm-scope' }, earlier);
    await expect(
      actOnRun(
        core,
        lead,
        run.id,
        { type: 'run.step', stepId: 'holding-statement' },
        new Date(Date.now() + 3_600_000).toISOString(),
      ),
    ).rejects.toThrow(/cannot be in the future/);
    const good = await runById(core.read, run.id);
    await core.db.run(`UPDATE runs SET engine = 1, context = '{}' WHERE id = ?`, [run.id]);
    expect(await refoldStaleRuns(core.db)).toBe(1);
    expect(await runById(core.read, run.id)).toEqual(good);
    expect((await contextOf(core, run.id)).steps['confirm-scope']?.done?.at).toBe(
      Date.parse(earlier),
    );
  });

  it('refuses a run started by an operator, storing the op as refused', async () => {
    const { core, ana } = await station();
    await expect(
      startRun(core, ana, { yaml: SMALL_PLAYBOOK, playbookId: 'small-recall', commanderId: ana }),
    ).rejects.toThrow(/only an admin or a lead/);
  });

  it('escalates an overdue step once, also when the deadline passed while the station was down', async () => {
    const dir = tempDir().dir;
    let clock = Date.now();
    const s = await station(dir, () => clock);
    const run = await startRun(s.core, s.lead, {
      yaml: SMALL_PLAYBOOK,
      playbookId: 'small-recall',
      commanderId: s.lead,
    });
    const due = (await contextOf(s.core, run.id)).deadlines['step:confirm-scope'] as number;
    const timers = startRunTimers(s.core, () => clock);
    timers.stop();
    expect(await timers.tick()).toBe(0); // not due yet
    cleanups.pop();
    await s.core.close();

    clock = due + 60_000; // the station was down when the step came due
    const core = await StationCore.open(dir, { now: () => clock });
    cleanups.push(() => core.close());
    const after = startRunTimers(core, () => clock);
    after.stop();
    await after.tick();
    expect(await after.tick()).toBe(0);
    const ctx = await contextOf(core, run.id);
    expect(ctx.severity).toBe('SEV2');
    expect(ctx.actions.filter((a) => a.because === 'overdue:confirm-scope')).toHaveLength(2); // raise + reassign
    expect(ctx.steps['confirm-scope']?.owner).toBe('admin');
  });

  it('escalates once when two stations both fire the same deadline while apart', async () => {
    let clock = Date.now();
    const { a, b, run, ship } = await twoStationsWithRun(() => clock);
    clock = (await contextOf(a.core, run.id)).deadlines['step:confirm-scope'] as number;
    clock += 1_000;
    for (const core of [a.core, b]) {
      const t = startRunTimers(core, () => clock);
      t.stop();
      await t.tick();
    }
    await ship(a.core, b);
    await ship(b, a.core);
    for (const core of [a.core, b]) {
      const ctx = await contextOf(core, run.id);
      expect(ctx.severity).toBe('SEV2'); // raised once, not twice
      expect(ctx.actions.filter((x) => x.because === 'overdue:confirm-scope')).toHaveLength(2);
    }
    const fired = await a.core.read.all<{ id: string }>(
      `SELECT id FROM ops WHERE type = 'timer.fired'`,
    );
    expect(fired).toHaveLength(2); // both kept (DECISIONS.md 3)
    const effects = await Promise.all(fired.map((f) => effectOf(a.core.read, f.id)));
    expect(effects.map((e) => e?.effect).sort()).toEqual(['applied', 'refused']);
    expect(await stateDigest(a.core.read)).toBe(await stateDigest(b.read));
  });

  it('gives the same run on two stations when desks complete different steps at once', async () => {
    const clock = Date.now();
    const { a, b, run, ship } = await twoStationsWithRun(() => clock);
    // Apart, each desk checks off a different step, and both try to advance.
    await actOnRun(a.core, a.lead, run.id, { type: 'run.step', stepId: 'confirm-scope' });
    await actOnRun(b, a.ana, run.id, { type: 'run.step', stepId: 'holding-statement' });
    await actOnRun(b, a.gil, run.id, { type: 'run.approve', stepId: 'holding-statement' });
    await ship(a.core, b);
    await ship(b, a.core);
    const [ra, rb] = [await runById(a.core.read, run.id), await runById(b.read, run.id)];
    expect(ra).toEqual(rb);
    expect(ra?.state).toBe('assess');
    expect(await stateDigest(a.core.read)).toBe(await stateDigest(b.read));
    const moved = await actOnRun(b, a.lead, run.id, { type: 'run.advance' });
    expect(moved.state).toBe('review');
  });
});
