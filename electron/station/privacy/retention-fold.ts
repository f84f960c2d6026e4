import type { Sql } from '../db/connection';
import { retentionOps } from '../db/queries/privacy';
import { putRoomConfig, roomConfig } from '../db/queries/routing';
import { writeEffects } from '../db/queries/mention-writes';
import { can } from '../../../shared/domain/permissions';
import {
  KEEP_ALL,
  NO_CUTOFFS,
  RetentionRulesSchema,
  mergeCutoffs,
  sweepAllowed,
  type RetentionCutoffs,
  type RetentionRules,
} from '../../../shared/privacy/retention';
import { hlcWallMs } from './hlc-wall';
import { RETENTION_SUBJECT, RetentionSweepV1 } from '../ops/privacy-payloads';
import type { RoleHistory } from '../ops/reducers/roles';
import type { Verdict } from '../../../shared/domain/mention-state';

/** The room's retention as folded from its ops. */
export type RetentionState = {
  rules: RetentionRules;
  rulesOp: { id: string; hlc: string; actor: string } | null;
  applied: RetentionCutoffs;
};

/** The rules and applied cutoffs as last folded (room_config), without re-reading the ops. */
export async function retentionState(sql: Sql): Promise<RetentionState> {
  const rules = await roomConfig(sql, 'retention');
  const applied = await roomConfig(sql, 'retention.applied');
  return {
    rules: rules ? (JSON.parse(rules.value) as RetentionRules) : KEEP_ALL,
    rulesOp: rules ? { id: rules.op_id, hlc: rules.hlc, actor: rules.actor } : null,
    applied: applied ? (JSON.parse(applied.value) as RetentionCutoffs) : NO_CUTOFFS,
  };
}

/**
 * Re-derives retention from every retention op: the rules are the latest retention.set by an
 * admin (by HLC); the applied cutoffs are the latest of all sweeps the rules in force at each
 * sweep's HLC allowed. A pure function of the set of ops, so every station agrees.
 */
export async function refoldRetention(
  tx: Sql,
  roles: RoleHistory,
  isVoid: (op: { origin: string; seq: number }) => boolean = () => false,
): Promise<RetentionState> {
  const ops = (await retentionOps(tx)).filter((o) => !isVoid(o));
  await roles.load(ops.map((o) => o.actor));
  let rules: RetentionRules = KEEP_ALL;
  let rulesOp: RetentionState['rulesOp'] = null;
  let applied: RetentionCutoffs = NO_CUTOFFS;
  let appliedOp: { id: string; hlc: string; actor: string } | null = null;
  const verdicts: Verdict[] = [];
  for (const op of ops) {
    const payload: unknown = op.payload === null ? null : JSON.parse(op.payload);
    if (op.type === 'retention.set') {
      const parsed = op.v === 1 ? RetentionRulesSchema.safeParse(payload) : null;
      if (!parsed?.success) {
        verdicts.push({
          opId: op.id,
          effect: 'refused',
          reason: 'not a payload this version reads',
        });
      } else if (!can(roles.roleAt(op.actor, op.hlc), 'privacy.manage')) {
        verdicts.push({ opId: op.id, effect: 'refused', reason: 'only an admin sets retention' });
      } else {
        rules = parsed.data;
        rulesOp = { id: op.id, hlc: op.hlc, actor: op.actor };
        verdicts.push({ opId: op.id, effect: 'applied', reason: null });
      }
      continue;
    }
    const sweep = op.v === 1 ? RetentionSweepV1.safeParse(payload) : null;
    if (!sweep?.success) {
      verdicts.push({ opId: op.id, effect: 'refused', reason: 'not a payload this version reads' });
    } else if (!sweepAllowed(sweep.data, rules, hlcWallMs(op.hlc))) {
      verdicts.push({ opId: op.id, effect: 'refused', reason: 'past what the rules allowed then' });
    } else {
      applied = mergeCutoffs(applied, sweep.data);
      appliedOp = { id: op.id, hlc: op.hlc, actor: op.actor };
      verdicts.push({ opId: op.id, effect: 'applied', reason: null });
    }
  }
  await putRoomConfig(
    tx,
    'retention',
    rulesOp
      ? { value: JSON.stringify(rules), op_id: rulesOp.id, hlc: rulesOp.hlc, actor: rulesOp.actor }
      : null,
  );
  await putRoomConfig(
    tx,
    'retention.applied',
    appliedOp
      ? {
          value: JSON.stringify(applied),
          op_id: appliedOp.id,
          hlc: appliedOp.hlc,
          actor: appliedOp.actor,
        }
      : null,
  );
  await writeEffects(tx, RETENTION_SUBJECT, verdicts);
  return { rules, rulesOp, applied };
}
