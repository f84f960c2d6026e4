import { describe, expect, it } from 'vitest';
import { deskRoom } from '../test-support/desk-room';
import { call, connectDesk, loginToken, postJson } from '../test-support/station-client';
import type { Result } from '../../../shared/contract/common';
import type { RosterView, SurgeCredentialView } from '../../../shared/contract/roster';
import type { Mention } from '../../../shared/domain/mention';
import { hashPassword } from '../auth/password';
import { SYSTEM_ACTOR } from '../ops/op';

const { desk, station } = deskRoom([
  { username: 'ana', displayName: 'Ana', role: 'operator', departments: ['customer-care'] },
  { username: 'bob', displayName: 'Bob', role: 'operator' },
  { username: 'obi', displayName: 'Obi', role: 'observer' },
]);

const ok = <T>(r: Result<T>): T => {
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r;
};
type RosterResult = Result<RosterView>;

describe('/desk roster', () => {
  it('checks an operator in, lists them with load, and tells every desk', async () => {
    const [ana, lead] = [await desk('ana'), await desk('lead')];
    const changed = new Promise<void>((resolve) => lead.once('roster.changed', resolve));
    const view = ok(
      (await call(ana, 'roster.checkIn', {
        department: 'customer-care',
        skills: ['Refunds', 'polish', 'refunds'],
      })) as RosterResult,
    );
    await changed;
    const me = view.onShift.find((o) => o.displayName === 'Ana');
    expect(me).toMatchObject({
      department: 'customer-care',
      skills: ['refunds', 'polish'],
      capacity: 3,
      load: 0,
    });
    expect(Date.parse(me?.since as string)).toBeGreaterThan(Date.now() - 60_000);

    const created = ok(
      (await call(ana, 'mention.create', {
        channel: 'email',
        author: { handle: 'rita@example.com' },
        text: 'My order never came',
      })) as Result<{ mention: Mention }>,
    );
    ok(await call(ana, 'mention.claim', { mentionId: created.mention.id }));
    const listed = ok((await call(lead, 'roster.list', {})) as RosterResult);
    expect(listed.onShift.find((o) => o.displayName === 'Ana')?.load).toBe(1);

    // A lead checks Ana out: her claim goes back to the queue.
    const out = ok(
      (await call(lead, 'roster.checkOut', { operatorId: me?.operatorId })) as Result<
        RosterView & { released: number }
      >,
    );
    expect(out.released).toBe(1);
    expect(out.onShift.some((o) => o.displayName === 'Ana')).toBe(false);
    const after = ok(
      (await call(ana, 'mention.get', { mentionId: created.mention.id })) as Result<{
        mention: Mention;
      }>,
    );
    expect(after.mention.claim).toBeNull();
  });

  it('refuses what a role may not do, with a clear reason', async () => {
    const [ana, bob, obi] = [await desk('ana'), await desk('bob'), await desk('obi')];
    expect(await call(obi, 'roster.checkIn', { department: 'pr' })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    const view = ok((await call(ana, 'roster.checkIn', { department: 'pr' })) as RosterResult);
    const anaId = view.onShift.find((o) => o.displayName === 'Ana')?.operatorId;
    expect(await call(bob, 'roster.checkOut', { operatorId: anaId })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    expect(await call(bob, 'roster.checkOut', {})).toMatchObject({
      ok: false,
      message: 'not on shift',
    });
    expect(
      await call(ana, 'roster.createSurge', {
        people: [{ displayName: 'X' }],
        department: 'pr',
        hours: 8,
      }),
    ).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await call(ana, 'roster.checkIn', { department: 'kitchen' })).toMatchObject({
      ok: false,
      code: 'invalid',
    });
    expect(await call(ana, 'roster.checkIn', { department: 'pr', capacity: 40 })).toMatchObject({
      ok: false,
      code: 'invalid',
    });
    ok(await call(ana, 'roster.checkOut', {}));
  });

  it('plans and cancels shifts (leads), listed for the window asked', async () => {
    const [lead, bob] = [await desk('lead'), await desk('bob')];
    const anaId = ok(
      (await call(lead, 'operator.list', {})) as Result<{
        operators: { id: string; username: string }[];
      }>,
    ).operators.find((o) => o.username === 'ana')?.id as string;
    const start = new Date(Date.now() + 3_600_000).toISOString();
    const end = new Date(Date.now() + 9 * 3_600_000).toISOString();
    const input = { operatorId: anaId, department: 'customer-care', start, end, note: 'late' };
    expect(await call(bob, 'roster.planShift', input)).toMatchObject({ code: 'forbidden' });
    expect(await call(lead, 'roster.planShift', { ...input, end: start })).toMatchObject({
      code: 'invalid',
    });
    const planned = ok(
      (await call(lead, 'roster.planShift', input)) as Result<RosterView & { shiftId: string }>,
    );
    expect(planned.shifts).toMatchObject([
      { id: planned.shiftId, displayName: 'Ana', department: 'customer-care', note: 'late' },
    ]);
    const later = ok(
      (await call(lead, 'roster.list', {
        from: new Date(Date.now() + 30 * 3_600_000).toISOString(),
      })) as RosterResult,
    );
    expect(later.shifts).toEqual([]);
    const cancelled = ok(
      (await call(lead, 'roster.cancelShift', { shiftId: planned.shiftId })) as RosterResult,
    );
    expect(cancelled.shifts).toEqual([]);
  });

  it('lets an admin create surge accounts that log in and check in', async () => {
    const lead = await desk('lead');
    const made = ok(
      (await call(lead, 'roster.createSurge', {
        people: [{ displayName: 'Maya Demir' }, { displayName: 'Maya Demir' }],
        department: 'customer-care',
        skills: ['turkish'],
        hours: 8,
      })) as Result<{ accounts: SurgeCredentialView[] }>,
    );
    expect(made.accounts).toHaveLength(2);
    const [first, second] = made.accounts as [SurgeCredentialView, SurgeCredentialView];
    expect(first.username).not.toBe(second.username);
    expect(Date.parse(first.expiresAt) - Date.now()).toBeGreaterThan(7.9 * 3_600_000);
    const url = station().url;
    const surge = await connectDesk(url, await loginToken(url, first.username, first.password));
    try {
      const view = ok(
        (await call(surge, 'roster.checkIn', {
          department: 'customer-care',
          skills: ['turkish'],
        })) as RosterResult,
      );
      expect(view.onShift.map((o) => o.displayName)).toContain('Maya Demir');
    } finally {
      surge.close();
    }
    const wrong = await postJson(url, '/api/login', { username: first.username, password: 'x' });
    expect(wrong.status).toBe(401);
  });
});

describe('/desk surge expiry', () => {
  it('stops an expired account’s session and refuses its login', async () => {
    const core = station().core;
    const expiresAt = new Date(Date.now() + 1500).toISOString();
    await core.commit([
      {
        type: 'operator.create',
        v: 1,
        actor: SYSTEM_ACTOR,
        subject: 'u-brief',
        payload: {
          operatorId: 'u-brief',
          username: 'brief',
          displayName: 'Brief',
          role: 'operator',
          departments: ['pr'],
          passwordHash: await hashPassword('brief-password'),
          expiresAt,
        },
      },
    ]);
    const url = station().url;
    const brief = await connectDesk(url, await loginToken(url, 'brief', 'brief-password'));
    try {
      ok(await call(brief, 'roster.checkIn', { department: 'pr' }));
      await new Promise((r) => setTimeout(r, Date.parse(expiresAt) - Date.now() + 50));
      expect(await call(brief, 'roster.list', {})).toMatchObject({
        ok: false,
        code: 'unauthenticated',
      });
      const login = await postJson(url, '/api/login', {
        username: 'brief',
        password: 'brief-password',
      });
      expect(login.status).toBe(401);
    } finally {
      brief.close();
    }
  });
});
