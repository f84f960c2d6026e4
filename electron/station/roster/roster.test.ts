import { describe, expect, it, vi } from 'vitest';
import { login, openSession, resolveSession } from '../auth/sessions';
import type { StationCore } from '../core/core';
import { stateDigest } from '../db/digest';
import { mentionById } from '../db/queries/mention-reads';
import { allOps } from '../db/queries/ops';
import { checkedInOperators, rosterOf } from '../db/queries/roster';
import { effectOf } from '../db/queries/effects';
import { claimMention, createManualMention } from '../mentions/commands';
import { createOperator } from '../room/war-room';
import { testCores } from '../test-support/test-cores';
import { checkIn, checkOut } from './roster-commands';
import { startRosterScheduler } from './roster-scheduler';
import { createSurgeAccounts } from './surge-accounts';

const { open, openRoom } = testCores();

async function roomWithAna(): Promise<{ core: StationCore; adminId: string; ana: string }> {
  const { core, adminId } = await openRoom();
  const ana = await createOperator(core, adminId, {
    username: 'ana',
    displayName: 'Ana',
    password: 'ana-password',
    role: 'operator',
    departments: ['customer-care'],
  });
  return { core, adminId, ana };
}

async function claimedBy(core: StationCore, operatorId: string): Promise<string> {
  const m = await createManualMention(core, operatorId, {
    channel: 'phone',
    author: { handle: 'caller' },
    text: 'Where is my refund?',
  } as never);
  await claimMention(core, operatorId, m.id, null);
  return m.id;
}

const shift = { department: 'customer-care' as const, skills: ['refunds'], capacity: 3 };

describe('roster on a station', () => {
  it('checks an operator in and out, and checking out returns their claims to the queue', async () => {
    const { core, ana } = await roomWithAna();
    await checkIn(core, ana, shift);
    const mentionId = await claimedBy(core, ana);
    expect(await checkedInOperators(core.db, 'customer-care')).toMatchObject([
      { operatorId: ana, displayName: 'Ana', skills: ['refunds'], capacity: 3, load: 1 },
    ]);
    expect(await checkedInOperators(core.db, 'pr')).toEqual([]);
    expect(await checkOut(core, ana, ana, 'self')).toBe(1);
    expect((await mentionById(core.db, mentionId))?.claim).toBeNull();
    expect(await rosterOf(core.db, ana)).toMatchObject({ checkedIn: false });
    await expect(checkOut(core, ana, ana, 'self')).rejects.toThrow(/not on shift/);
  });

  it('refuses an observer checking in and an operator checking somebody else out', async () => {
    const { core, adminId, ana } = await roomWithAna();
    const obs = await createOperator(core, adminId, {
      username: 'obi',
      displayName: 'Obi',
      password: 'obi-password',
      role: 'observer',
      departments: [],
    });
    await expect(checkIn(core, obs, shift)).rejects.toThrow(/observer may not check in/);
    await checkIn(core, ana, shift);
    const bob = await createOperator(core, adminId, {
      username: 'bob',
      displayName: 'Bob',
      password: 'bob-password',
      role: 'operator',
      departments: [],
    });
    await expect(checkOut(core, bob, ana, 'lead')).rejects.toThrow(/lead or an admin/);
    expect(await rosterOf(core.db, ana)).toMatchObject({ checkedIn: true });
    await checkOut(core, adminId, ana, 'lead');
    expect(await rosterOf(core.db, ana)).toMatchObject({ checkedIn: false });
  });

  it('converges: the same roster ops applied in reverse order give the same digest', async () => {
    const { core, adminId, ana } = await roomWithAna();
    await checkIn(core, ana, shift);
    await checkOut(core, adminId, ana, 'lead');
    await checkIn(core, ana, { ...shift, department: 'pr' });
    await checkOut(core, ana, ana, 'self').catch(() => undefined);
    await checkIn(core, ana, { ...shift, capacity: 5 });
    const replica = await open();
    for (const op of (await allOps(core.db)).reverse()) await replica.applyReplicated([op]);
    expect(await stateDigest(replica.db)).toBe(await stateDigest(core.db));
    expect(await checkedInOperators(replica.db)).toMatchObject([{ operatorId: ana, capacity: 5 }]);
  });
});

describe('surge accounts', () => {
  it('are operators with a home department that log in until they expire, then not at all', async () => {
    const { core, adminId } = await openRoom();
    const [cred] = await createSurgeAccounts(core, adminId, {
      people: [{ displayName: 'Zoë Łukasz' }],
      department: 'customer-care',
      skills: ['refunds', 'polish'],
      hours: 1,
    });
    if (!cred) throw new Error('no account');
    expect(cred.username).toMatch(/^zoe\.lukasz-[a-z0-9]{3}$/);
    expect(cred.password).toMatch(/^[a-z0-9]{5}(-[a-z0-9]{5}){3}$/);
    const session = await login(core.db, cred.username, cred.password);
    expect(session?.operator).toMatchObject({
      role: 'operator',
      departments: ['customer-care'],
      skills: ['refunds', 'polish'],
      expiresAt: cred.expiresAt,
    });
    const later = Date.parse(cred.expiresAt) + 1000;
    expect(await login(core.db, cred.username, cred.password, later)).toBeNull();
    const token = await openSession(core.db, cred.operatorId);
    expect(await resolveSession(core.read, token)).not.toBeNull();
    expect(await resolveSession(core.read, token, later)).toBeNull();
  });

  it('cannot check in once expired; the scheduler checks them out when they expire', async () => {
    const { core, adminId } = await openRoom();
    const past = Date.now() - 2 * 3_600_000;
    const [old] = await createSurgeAccounts(
      core,
      adminId,
      { people: [{ displayName: 'Old Hand' }], department: 'pr', skills: [], hours: 1 },
      past,
    );
    await expect(checkIn(core, old?.operatorId as string, shift)).rejects.toThrow(/expired/);

    const [cred] = await createSurgeAccounts(core, adminId, {
      people: [{ displayName: 'Sam' }],
      department: 'customer-care',
      skills: [],
      hours: 1,
    });
    const sam = cred?.operatorId as string;
    await checkIn(core, sam, shift);
    const mentionId = await claimedBy(core, sam);
    let now = Date.now();
    const scheduler = startRosterScheduler(
      core,
      { isPresent: () => true },
      { now: () => now, everyMs: 3_600_000 },
    );
    expect(await scheduler.tick()).toEqual({ expired: [], idle: [] });
    now = Date.parse(cred?.expiresAt as string) + 1;
    expect(await scheduler.tick()).toEqual({ expired: [sam], idle: [] });
    scheduler.stop();
    expect(await rosterOf(core.db, sam)).toMatchObject({ checkedIn: false });
    expect((await mentionById(core.db, mentionId))?.claim).toBeNull();
  });
});

describe('idle check-out', () => {
  it('checks out an operator with no desk here past the limit, once, and frees their claims', async () => {
    const { core, ana } = await roomWithAna();
    await checkIn(core, ana, shift);
    const mentionId = await claimedBy(core, ana);
    let now = Date.now();
    let present = true;
    const scheduler = startRosterScheduler(
      core,
      { isPresent: () => present },
      { now: () => now, idleMs: 15 * 60_000, everyMs: 3_600_000 },
    );
    now += 60 * 60_000;
    expect((await scheduler.tick()).idle).toEqual([]);
    present = false;
    now += 14 * 60_000;
    expect((await scheduler.tick()).idle).toEqual([]);
    now += 2 * 60_000;
    expect((await scheduler.tick()).idle).toEqual([ana]);
    expect((await scheduler.tick()).idle).toEqual([]);
    scheduler.stop();
    expect(await rosterOf(core.db, ana)).toMatchObject({ checkedIn: false });
    expect((await mentionById(core.db, mentionId))?.claim).toBeNull();
    const out = (await allOps(core.db)).filter((o) => o.type === 'shift.check-out');
    expect(out.map((o) => o.payload)).toEqual([{ reason: 'idle' }]);
    expect(await effectOf(core.db, out[0]?.id as string)).toMatchObject({ effect: 'applied' });
  });

  it('leaves operators whose desk checked in at another station to that station', async () => {
    const { core, ana } = await roomWithAna();
    await checkIn(core, ana, shift);
    await core.db.run(`UPDATE roster SET desk_station = 'elsewhere'`);
    let now = Date.now();
    const scheduler = startRosterScheduler(
      core,
      { isPresent: () => false },
      { now: () => now, idleMs: 1000, everyMs: 3_600_000 },
    );
    now += 60 * 60_000;
    expect((await scheduler.tick()).idle).toEqual([]);
    scheduler.stop();
  });
});

describe('check-out at another station', () => {
  it('frees the claims the operator made at their own desk station', async () => {
    const { core: a, adminId, ana } = await roomWithAna();
    const b = await open();
    const sync = async (from: StationCore, to: StationCore) => {
      await to.applyReplicated(await allOps(from.db));
    };
    await sync(a, b);
    const scheduler = startRosterScheduler(b, { isPresent: () => true }, { everyMs: 3_600_000 });
    await checkIn(b, ana, shift);
    const mentionId = await claimedBy(b, ana);
    await sync(b, a);
    await checkOut(a, adminId, ana, 'lead');
    await sync(a, b);
    await vi.waitFor(async () => expect((await mentionById(b.db, mentionId))?.claim).toBeNull());
    scheduler.stop();
    await sync(b, a);
    expect(await stateDigest(a.db)).toBe(await stateDigest(b.db));
  });
});
