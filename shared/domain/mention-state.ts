import type { MentionStatus } from './mention';
import type { Role } from './people';
import { can } from './permissions';

/** Op types that change a mention's status or claim. */
export const MENTION_STATE_OPS = [
  'mention.claim',
  'mention.release',
  'mention.answer',
  'mention.close',
  'mention.ignore',
  'mention.reopen',
  'claim.expired',
  'mention.assign',
] as const;
/** One of those op types. */
export type MentionStateOpType = (typeof MENTION_STATE_OPS)[number];

/** The part of an op the fold needs. */
export type StateOp = {
  id: string;
  type: string;
  hlc: string;
  actor: string;
  payload: unknown;
};

/** A mention's status and claim, derived from its ops. */
export type MentionState = {
  status: MentionStatus;
  statusBy: string | null;
  statusHlc: string | null;
  claim: { op: string; operator: string; hlc: string; leaseMs: number } | null;
  /**
   * Answers sent, refused ones included: a refused answer (the mention was already answered, or
   * held by someone else, when the desks were apart) was still sent to the customer.
   */
  answers: number;
};

/** What one op did. */
export type Verdict = {
  opId: string;
  effect: 'applied' | 'refused' | 'collision';
  reason: string | null;
};

/** Everything the fold may ask about the world. */
export type FoldContext = { roleAt(actor: string, hlc: string): Role | null };

/** Default claim lease when a claim op names none. */
export const DEFAULT_LEASE_MS = 15 * 60_000;

const INITIAL: MentionState = {
  status: 'open',
  statusBy: null,
  statusHlc: null,
  claim: null,
  answers: 0,
};

function payloadField<T>(payload: unknown, key: string): T | undefined {
  return payload && typeof payload === 'object'
    ? ((payload as Record<string, unknown>)[key] as T)
    : undefined;
}

/**
 * Folds a mention's state ops in HLC order (ties by op id) into its state, judging each op.
 * A pure function of the set of ops, so every station derives the same state (ARCHITECTURE.md).
 * Claims (DECISIONS.md 9): a claim wins when nobody holds the mention; a claim while someone
 * else holds it is a collision (so among claims on the same basis the earliest HLC wins).
 * Status is sticky (DECISIONS.md 8): open → answered → closed/ignored; only reopen goes back.
 */
export function foldMentionState(
  ops: readonly StateOp[],
  ctx: FoldContext,
): { state: MentionState; verdicts: Verdict[] } {
  const sorted = [...ops].sort((a, b) =>
    a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : a.id < b.id ? -1 : 1,
  );
  let s: MentionState = { ...INITIAL };
  const verdicts: Verdict[] = [];
  for (const op of sorted) {
    const role = ctx.roleAt(op.actor, op.hlc);
    const verdict = (effect: Verdict['effect'], reason: string | null = null) =>
      verdicts.push({ opId: op.id, effect, reason });
    const refuse = (reason: string) => verdict('refused', reason);
    const holder = s.claim?.operator ?? null;
    const heldByOther = holder !== null && holder !== op.actor;
    const mayOverride = can(role, 'mention.override');

    switch (op.type as MentionStateOpType) {
      case 'mention.claim': {
        if (!can(role, 'mention.work')) refuse(`role ${role ?? 'none'} may not claim`);
        else if (s.status !== 'open') refuse(`mention is ${s.status}`);
        else if (heldByOther) verdict('collision', `held by ${holder}`);
        else {
          const leaseMs = payloadField<number>(op.payload, 'leaseMs') ?? DEFAULT_LEASE_MS;
          s = { ...s, claim: { op: op.id, operator: op.actor, hlc: op.hlc, leaseMs } };
          verdict('applied');
        }
        break;
      }
      case 'mention.assign': {
        // A claim made for an operator: by the deciding station's assigner (the system actor)
        // or by hand by a lead (DECISIONS.md 10). It loses to a claim already held, like any.
        const to = payloadField<string>(op.payload, 'operator') ?? null;
        const leaseMs = payloadField<number>(op.payload, 'leaseMs') ?? DEFAULT_LEASE_MS;
        if (!mayOverride) refuse(`role ${role ?? 'none'} may not assign`);
        else if (to === null || !can(ctx.roleAt(to, op.hlc), 'mention.work'))
          refuse(`${to ?? 'nobody'} may not work mentions`);
        else if (s.status !== 'open') refuse(`mention is ${s.status}`);
        else if (holder !== null && holder !== to) verdict('collision', `held by ${holder}`);
        else {
          s = { ...s, claim: { op: op.id, operator: to, hlc: op.hlc, leaseMs } };
          verdict('applied');
        }
        break;
      }
      case 'mention.release': {
        if (!can(role, 'mention.work')) refuse(`role ${role ?? 'none'} may not release`);
        else if (holder === null) refuse('nobody holds it');
        else if (heldByOther && !mayOverride) refuse(`held by ${holder}`);
        else {
          s = { ...s, claim: null };
          verdict('applied');
        }
        break;
      }
      case 'claim.expired': {
        const claimOp = payloadField<string>(op.payload, 'claimOp');
        if (s.claim && s.claim.op === claimOp) {
          s = { ...s, claim: null };
          verdict('applied');
        } else refuse('that claim is no longer held');
        break;
      }
      case 'mention.answer':
      case 'mention.close':
      case 'mention.ignore': {
        const target: MentionStatus =
          op.type === 'mention.answer'
            ? 'answered'
            : op.type === 'mention.close'
              ? 'closed'
              : 'ignored';
        const rank: Record<MentionStatus, number> = { open: 0, answered: 1, closed: 2, ignored: 2 };
        if (op.type === 'mention.answer' && can(role, 'mention.work'))
          s = { ...s, answers: s.answers + 1 };
        if (!can(role, 'mention.work')) refuse(`role ${role ?? 'none'} may not change status`);
        else if (heldByOther && !mayOverride) refuse(`held by ${holder}`);
        else if (rank[target] <= rank[s.status]) refuse(`mention is already ${s.status}`);
        else {
          s = { ...s, status: target, statusBy: op.actor, statusHlc: op.hlc, claim: null };
          verdict('applied');
        }
        break;
      }
      case 'mention.reopen': {
        if (!can(role, 'mention.work')) refuse(`role ${role ?? 'none'} may not reopen`);
        else if (s.status === 'open') refuse('mention is already open');
        else {
          s = { ...s, status: 'open', statusBy: op.actor, statusHlc: op.hlc, claim: null };
          verdict('applied');
        }
        break;
      }
      default:
        refuse(`unknown op type ${op.type}`);
    }
  }
  return { state: s, verdicts };
}
