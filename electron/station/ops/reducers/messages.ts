import type { z } from 'zod';
import type { Sql } from '../../db/connection';
import { opsBySubject } from '../../db/queries/ops';
import { writeEffects } from '../../db/queries/mention-writes';
import { writeMessage } from '../../db/queries/messages';
import type { StateOp, Verdict } from '../../../../shared/domain/mention-state';
import { can } from '../../../../shared/domain/permissions';
import { MESSAGE_OPS, foldMessage } from '../../../../shared/messaging/message-state';
import { DEFAULT_POLICY, type ApprovalPolicy } from '../../../../shared/messaging/policy';
import { MESSAGE_PAYLOADS, POLICY_SUBJECT } from '../message-payloads';
import { sha256Hex } from '../op-id';
import { RoleHistory } from './roles';

/**
 * The room's approval policy over time: policy.set ops by an admin (at their HLC), latest first
 * wins; DEFAULT_POLICY before any.
 */
export class PolicyHistory {
  private entries: { hlc: string; policy: ApprovalPolicy }[] | null = null;
  /** What each policy.set op did (recordEffects writes them). */
  verdicts: Verdict[] = [];

  constructor(
    private readonly sql: Sql,
    private readonly roles: RoleHistory,
  ) {}

  /** Reads the policy ops and judges them. */
  async load(sql: Sql = this.sql): Promise<void> {
    const ops = await opsBySubject(sql, POLICY_SUBJECT, ['policy.set']);
    await this.roles.load(ops.map((o) => o.actor));
    const verdicts: Verdict[] = [];
    this.entries = [];
    for (const op of ops) {
      const parsed = MESSAGE_PAYLOADS['policy.set']?.[op.v]?.safeParse(op.payload);
      if (!parsed?.success)
        verdicts.push({
          opId: op.id,
          effect: 'refused',
          reason: 'not a policy this version reads',
        });
      else if (!can(this.roles.roleAt(op.actor, op.hlc), 'policy.manage'))
        verdicts.push({ opId: op.id, effect: 'refused', reason: 'only an admin sets the policy' });
      else {
        this.entries.push({
          hlc: op.hlc,
          policy: (parsed.data as { policy: ApprovalPolicy }).policy,
        });
        verdicts.push({ opId: op.id, effect: 'applied', reason: null });
      }
    }
    this.verdicts = verdicts;
  }

  /** Records what each policy op did. */
  async recordEffects(tx: Sql): Promise<void> {
    await writeEffects(tx, POLICY_SUBJECT, this.verdicts);
  }

  /** The policy in force now, and whether the room set it or it is the default. */
  current(): { policy: ApprovalPolicy; source: 'default' | 'room' } {
    const last = this.entries?.at(-1);
    return last
      ? { policy: last.policy, source: 'room' }
      : { policy: DEFAULT_POLICY, source: 'default' };
  }

  /** The policy in force at hlc (inclusive). */
  at(hlc: string): ApprovalPolicy {
    let policy = DEFAULT_POLICY;
    for (const e of this.entries ?? []) {
      if (e.hlc > hlc) break;
      policy = e.policy;
    }
    return policy;
  }

  /** True once loaded. */
  get loaded(): boolean {
    return this.entries !== null;
  }
}

/** The part of an op a message fold needs. */
type Proposed = {
  id: string;
  type: string;
  v: number;
  actor: string;
  hlc: string;
  payload: unknown;
};

// Past every real HLC (they start with digits): an op judged "as if recorded now" sorts last.
const NOW = '~';

/** Folds a message's stored ops, plus an op not yet recorded if given. */
async function foldStored(
  sql: Sql,
  messageId: string,
  roles: RoleHistory,
  policies: PolicyHistory,
  extra?: Proposed,
) {
  if (!policies.loaded) await policies.load(sql);
  const ops: Proposed[] = await opsBySubject(sql, messageId, MESSAGE_OPS);
  if (extra) ops.push(extra);
  await roles.load(ops.map((o) => o.actor));
  const readable: StateOp[] = [];
  const unreadable: Verdict[] = [];
  for (const op of ops) {
    const schema = MESSAGE_PAYLOADS[op.type]?.[op.v] as z.ZodType | undefined;
    const parsed = schema?.safeParse(op.payload);
    if (parsed?.success) readable.push({ ...op, payload: parsed.data });
    else
      unreadable.push({
        opId: op.id,
        effect: 'refused',
        reason: 'not a payload this version reads',
      });
  }
  const folded = foldMessage(readable, {
    roleAt: (a, h) => roles.roleAt(a, h),
    areasAt: (a, h) => roles.areasAt(a, h),
    policyAt: (h) => policies.at(h),
    hashMatches: (op) => {
      const p = op.payload as { text: string; contentHash: string };
      return sha256Hex(p.text) === p.contentHash;
    },
  });
  return { state: folded.state, verdicts: [...unreadable, ...folded.verdicts] };
}

/**
 * Re-derives a message from all of its ops (shared/messaging/message-state.ts) and records each
 * op's effect. A payload this version cannot read is refused, not guessed at.
 */
export async function refoldMessage(
  tx: Sql,
  messageId: string,
  roles: RoleHistory,
  policies: PolicyHistory,
): Promise<void> {
  const { state, verdicts } = await foldStored(tx, messageId, roles, policies);
  await writeMessage(tx, messageId, state);
  await writeEffects(tx, messageId, verdicts);
}

/**
 * How an op on a message would be judged if recorded now, by the same fold every station runs:
 * a desk is told "it needs approval from legal" before anything is written, instead of a refused
 * op landing in the log.
 */
export async function judgeMessageOp(
  sql: Sql,
  messageId: string,
  op: { type: string; v?: number; actor: string; payload: unknown },
): Promise<Verdict> {
  const roles = new RoleHistory(sql);
  const policies = new PolicyHistory(sql, roles);
  const proposed = { ...op, id: 'proposed', v: op.v ?? 1, hlc: NOW };
  const { verdicts } = await foldStored(sql, messageId, roles, policies, proposed);
  return (
    verdicts.find((v) => v.opId === 'proposed') ?? {
      opId: 'proposed',
      effect: 'refused',
      reason: 'not judged',
    }
  );
}
