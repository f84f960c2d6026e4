import { z } from 'zod';
import type { Verdict } from './mention-state';
import type { Department, Role } from './people';
import { can } from './permissions';

/** Op types about one operator's presence on shift (subject: the operator id). */
export const CHECK_OPS = ['shift.check-in', 'shift.check-out'] as const;
/** Op types about one planned shift (subject: the shift id). */
export const SHIFT_OPS = ['shift.plan', 'shift.cancel'] as const;
/** Every roster op type. */
export const ROSTER_OPS = [...CHECK_OPS, ...SHIFT_OPS] as const;

/** Why an operator left their shift. */
export const CHECK_OUT_REASONS = ['self', 'lead', 'idle', 'expired'] as const;
/** One of those reasons. */
export type CheckOutReason = (typeof CHECK_OUT_REASONS)[number];

/** A skill: a short lowercase word ("refunds", "polish", "social-media"). */
export const SkillSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[\p{Ll}\p{N}][\p{Ll}\p{N}-]{0,23}$/u, 'a skill is one short word (letters, digits, -)');
/** Skills of an operator on shift: at most 20, no repeats. */
export const SkillsSchema = z
  .array(SkillSchema)
  .max(20, 'at most 20 skills')
  .transform((s) => [...new Set(s)]);
/** How many mentions an operator works at once, by default. */
export const DEFAULT_CAPACITY = 3;
/** Concurrent mentions an operator takes on: 1–20. */
export const CapacitySchema = z.number().int().min(1).max(20);

/** A check-in or -out op with its payload already read. */
export type CheckOp = {
  id: string;
  type: string;
  hlc: string;
  actor: string;
  payload:
    | { department: Department; skills: string[]; capacity: number; deskStation: string }
    | { reason: CheckOutReason };
};

/** What the roster fold may ask about the world. */
export type RosterContext = {
  roleAt(actor: string, hlc: string): Role | null;
  /** True when the actor's account had expired by hlc (a surge account). */
  expiredAt(actor: string, hlc: string): boolean;
};

/** One operator's roster state, derived from their check ops. */
export type RosterState = {
  checkedIn: boolean;
  department: Department | null;
  skills: string[];
  capacity: number;
  /** HLC of the latest applied check-in or -out. */
  sinceHlc: string;
  deskStation: string | null;
  updatedHlc: string;
};

/** Sorted by HLC, ties by op id: the one order every station folds in. */
export function byHlc<T extends { hlc: string; id: string }>(ops: readonly T[]): T[] {
  return [...ops].sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : a.id < b.id ? -1 : 1));
}

/**
 * Folds an operator's check ops (any order in, HLC order inside) into their roster state: they
 * are on shift when their latest applied op is a check-in. An operator checks themself in (not an
 * observer, not an expired account); they or a lead/admin check them out; a check-out while off
 * shift is refused, so two stations both noticing an idle operator have one effect.
 */
export function foldRoster(
  operatorId: string,
  ops: readonly CheckOp[],
  ctx: RosterContext,
): { state: RosterState | null; verdicts: Verdict[] } {
  let s: RosterState | null = null;
  const verdicts: Verdict[] = [];
  for (const op of byHlc(ops)) {
    const cur: RosterState | null = s;
    const role = ctx.roleAt(op.actor, op.hlc);
    const refuse = (reason: string) => verdicts.push({ opId: op.id, effect: 'refused', reason });
    if (op.type === 'shift.check-in' && 'department' in op.payload) {
      if (op.actor !== operatorId) refuse('only the operator checks themself in');
      else if (!can(role, 'roster.check-in')) refuse(`role ${role ?? 'none'} may not check in`);
      else if (ctx.expiredAt(op.actor, op.hlc)) refuse('the account has expired');
      else {
        const p = op.payload;
        s = {
          checkedIn: true,
          department: p.department,
          skills: p.skills,
          capacity: p.capacity,
          sinceHlc: op.hlc,
          deskStation: p.deskStation,
          updatedHlc: op.hlc,
        };
        verdicts.push({ opId: op.id, effect: 'applied', reason: null });
      }
    } else if (op.type === 'shift.check-out' && 'reason' in op.payload) {
      if (op.actor !== operatorId && !can(role, 'roster.manage'))
        refuse('only a lead or an admin checks somebody else out');
      else if (!cur?.checkedIn) refuse('not on shift');
      else {
        s = { ...(cur as RosterState), checkedIn: false, sinceHlc: op.hlc, updatedHlc: op.hlc };
        verdicts.push({ opId: op.id, effect: 'applied', reason: null });
      }
    } else refuse(`not a roster op: ${op.type}`);
  }
  return { state: s, verdicts };
}

/** A planning op with its payload already read. */
export type ShiftOp = {
  id: string;
  type: string;
  hlc: string;
  actor: string;
  payload:
    | {
        shiftId: string;
        operatorId: string;
        department: Department;
        start: string;
        end: string;
        note?: string | undefined;
      }
    | { shiftId: string };
};

/** A planned shift, derived from its ops. */
export type ShiftState = {
  id: string;
  operatorId: string;
  department: Department;
  start: string;
  end: string;
  note: string | null;
  cancelled: boolean;
  updatedHlc: string;
};

/**
 * Folds a planned shift's ops: plans by a lead/admin set it (the latest wins), a cancel by a
 * lead/admin ends it for good (a plan after it is refused).
 */
export function foldShift(
  shiftId: string,
  ops: readonly ShiftOp[],
  ctx: Pick<RosterContext, 'roleAt'>,
): { state: ShiftState | null; verdicts: Verdict[] } {
  let s: ShiftState | null = null;
  const verdicts: Verdict[] = [];
  for (const op of byHlc(ops)) {
    const cur: ShiftState | null = s;
    const refuse = (reason: string) => verdicts.push({ opId: op.id, effect: 'refused', reason });
    if (!can(ctx.roleAt(op.actor, op.hlc), 'roster.manage')) {
      refuse('only a lead or an admin plans shifts');
      continue;
    }
    if (op.type === 'shift.plan' && 'start' in op.payload) {
      if (cur?.cancelled) {
        refuse('the shift was cancelled');
        continue;
      }
      const p = op.payload;
      s = {
        id: shiftId,
        operatorId: p.operatorId,
        department: p.department,
        start: p.start,
        end: p.end,
        note: p.note ?? null,
        cancelled: false,
        updatedHlc: op.hlc,
      };
    } else if (op.type === 'shift.cancel') {
      if (!cur) {
        refuse('no such shift');
        continue;
      }
      if (cur.cancelled) {
        refuse('already cancelled');
        continue;
      }
      s = { ...(cur as ShiftState), cancelled: true, updatedHlc: op.hlc };
    } else {
      refuse(`not a shift op: ${op.type}`);
      continue;
    }
    verdicts.push({ opId: op.id, effect: 'applied', reason: null });
  }
  return { state: s, verdicts };
}
