import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Role } from './people';
import { byHlc, foldRoster, foldShift, type CheckOp, type ShiftOp } from './roster';

const ROLES: Record<string, Role> = {
  ana: 'operator',
  lea: 'lead',
  obs: 'observer',
  system: 'admin',
};
const ctx = {
  roleAt: (a: string) => ROLES[a] ?? null,
  expiredAt: (a: string, hlc: string) => a === 'ana' && hlc >= 'h9',
};

const checkIn = (
  id: string,
  hlc: string,
  actor = 'ana',
  department = 'customer-care',
): CheckOp => ({
  id,
  type: 'shift.check-in',
  hlc,
  actor,
  payload: {
    department: department as 'customer-care',
    skills: ['refunds'],
    capacity: 3,
    deskStation: 's1',
  },
});
const checkOut = (id: string, hlc: string, actor = 'ana'): CheckOp => ({
  id,
  type: 'shift.check-out',
  hlc,
  actor,
  payload: { reason: actor === 'ana' ? 'self' : 'lead' },
});

describe('roster fold', () => {
  it('is on shift when the latest check op is a check-in', () => {
    const { state, verdicts } = foldRoster(
      'ana',
      [checkOut('o2', 'h2'), checkIn('i1', 'h1'), checkIn('i3', 'h3', 'ana', 'pr')],
      ctx,
    );
    expect(state).toMatchObject({ checkedIn: true, department: 'pr', sinceHlc: 'h3' });
    expect(verdicts.every((v) => v.effect === 'applied')).toBe(true);
  });

  it('refuses check-ins for others, by observers and by expired accounts', () => {
    expect(foldRoster('ana', [checkIn('i1', 'h1', 'lea')], ctx).verdicts[0]?.reason).toMatch(
      /themself/,
    );
    expect(foldRoster('obs', [checkIn('i1', 'h1', 'obs')], ctx).verdicts[0]?.reason).toMatch(
      /observer may not check in/,
    );
    const late = foldRoster('ana', [checkIn('i1', 'h9')], ctx);
    expect(late.state).toBeNull();
    expect(late.verdicts[0]?.reason).toMatch(/expired/);
  });

  it('lets a lead check somebody out but not another operator, and a second check-out does nothing', () => {
    const ops = [checkIn('i1', 'h1'), checkOut('o2', 'h2', 'bob'), checkOut('o3', 'h3', 'lea')];
    const { state, verdicts } = foldRoster('ana', ops, ctx);
    expect(state).toMatchObject({ checkedIn: false, sinceHlc: 'h3' });
    expect(verdicts.map((v) => v.effect)).toEqual(['applied', 'refused', 'applied']);
    const twice = foldRoster('ana', [...ops, checkOut('o4', 'h4', 'system')], ctx);
    expect(twice.verdicts.at(-1)).toMatchObject({ effect: 'refused', reason: 'not on shift' });
    expect(twice.state).toEqual(foldRoster('ana', ops, ctx).state);
  });

  it('derives the same state and verdicts from the same ops in any order', () => {
    const op = fc.record({
      kind: fc.constantFrom('in', 'out'),
      hlc: fc.integer({ min: 1, max: 8 }).map((n) => `h${n}`),
      actor: fc.constantFrom('ana', 'lea', 'obs', 'bob'),
      dept: fc.constantFrom('pr', 'customer-care', 'legal'),
    });
    const ops = fc
      .array(op, { maxLength: 12 })
      .map((list) =>
        list.map((o, i) =>
          o.kind === 'in'
            ? checkIn(`x${i}`, o.hlc, o.actor, o.dept)
            : checkOut(`x${i}`, o.hlc, o.actor),
        ),
      )
      .chain((list) =>
        fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length })),
      );
    const byId = (x: { opId: string }, y: { opId: string }) => (x.opId < y.opId ? -1 : 1);
    fc.assert(
      fc.property(ops, ([list, shuffled]) => {
        const a = foldRoster('ana', list, ctx);
        const b = foldRoster('ana', shuffled, ctx);
        expect(b.state).toEqual(a.state);
        expect([...b.verdicts].sort(byId)).toEqual([...a.verdicts].sort(byId));
        // On shift exactly when the latest applied op is a check-in.
        const applied = new Set(
          a.verdicts.filter((v) => v.effect === 'applied').map((v) => v.opId),
        );
        const latest = byHlc(list.filter((o) => applied.has(o.id))).at(-1);
        expect(a.state?.checkedIn ?? false).toBe(latest?.type === 'shift.check-in');
      }),
    );
  });
});

describe('shift fold', () => {
  const plan = (id: string, hlc: string, actor: string, end: string): ShiftOp => ({
    id,
    type: 'shift.plan',
    hlc,
    actor,
    payload: {
      shiftId: 'sh1',
      operatorId: 'ana',
      department: 'pr',
      start: '2026-11-23T08:00:00Z',
      end,
    },
  });
  const cancel = (id: string, hlc: string, actor: string): ShiftOp => ({
    id,
    type: 'shift.cancel',
    hlc,
    actor,
    payload: { shiftId: 'sh1' },
  });

  it('takes the latest plan by a lead, refuses operators, and a cancel is final', () => {
    const ops = [
      plan('p1', 'h1', 'lea', '2026-11-23T16:00:00Z'),
      plan('p2', 'h2', 'ana', '2026-11-23T20:00:00Z'),
      plan('p3', 'h3', 'lea', '2026-11-23T18:00:00Z'),
    ];
    expect(foldShift('sh1', ops, ctx).state).toMatchObject({ end: '2026-11-23T18:00:00Z' });
    const cancelled = foldShift(
      'sh1',
      [...ops, cancel('c4', 'h4', 'lea'), plan('p5', 'h5', 'lea', '2026-11-23T19:00:00Z')],
      ctx,
    );
    expect(cancelled.state).toMatchObject({ cancelled: true, end: '2026-11-23T18:00:00Z' });
    expect(cancelled.verdicts.map((v) => v.effect)).toEqual([
      'applied',
      'refused',
      'applied',
      'applied',
      'refused',
    ]);
  });
});
