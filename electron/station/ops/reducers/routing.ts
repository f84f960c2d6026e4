import type { Sql } from '../../db/connection';
import { opsBySubject } from '../../db/queries/ops';
import { writeEffects } from '../../db/queries/mention-writes';
import {
  putRoomConfig,
  routedOf,
  setSlaOfAll,
  setSlaOfIngested,
  slaTargetsOf,
  writeMentionRouting,
  routingOpsByActors,
  withRoutingOps,
  type MentionRouteState,
} from '../../db/queries/routing';
import {
  MENTION_STATE_OPS,
  type StateOp,
  type Verdict,
} from '../../../../shared/domain/mention-state';
import { can } from '../../../../shared/domain/permissions';
import type { Role } from '../../../../shared/domain/people';
import { parseRoutingRules } from '../../../../shared/routing/parse-routing-rules';
import { clampPriority } from '../../../../shared/routing/routing-rules';
import { BREACH_RAISE, type SlaTargets } from '../../../../shared/routing/sla';
import type { Op } from '../op';
import { SYSTEM_ACTOR } from '../op';
import {
  MENTION_ROUTING_OPS,
  MentionRouteV1,
  ROUTING_SUBJECT,
  RoutingSetV1,
  SLA_SUBJECT,
  SlaBreachedV1,
  SlaSetV1,
} from '../routing-payloads';
import type { RoleHistory } from './roles';

type RoleAt = (actor: string, hlc: string) => Role | null;
const STATE_OPS = new Set<string>(MENTION_STATE_OPS);
const byHlc = (a: StateOp, b: StateOp) =>
  a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : a.id < b.id ? -1 : 1;

/** The effects' subject of a mention's routing ops (its state ops keep the mention's id). */
export const routingEffectsSubject = (mentionId: string) => `route:${mentionId}`;

/**
 * Folds a mention's re-route and breach ops (any order → same result): the latest re-route by a
 * lead or admin wins over ingest routing; the earliest breach counts, later ones (another
 * station's copy) have no effect, so the priority rises once.
 */
export function foldMentionRouting(
  ops: readonly StateOp[],
  routed: {
    department: string | null;
    priority: number;
    /** When the mention left open (answered, closed, ignored), epoch ms; null while open. */
    stoppedAt?: number | null;
  },
  roleAt: RoleAt,
): { state: MentionRouteState; verdicts: Verdict[] } {
  let route: MentionRouteState['route'] = null;
  let routePriority: number | undefined;
  let breach: MentionRouteState['breach'] = null;
  const verdicts: Verdict[] = [];
  for (const op of [...ops].sort(byHlc)) {
    const verdict = (effect: Verdict['effect'], reason: string | null = null) =>
      verdicts.push({ opId: op.id, effect, reason });
    if (op.type === 'mention.route') {
      const p = MentionRouteV1.safeParse(op.payload);
      if (!p.success) verdict('refused', 'not a re-route this version reads');
      else if (!can(roleAt(op.actor, op.hlc), 'mention.route'))
        verdict('refused', 'only a lead or an admin re-routes');
      else {
        route = { op: op.id, by: op.actor, hlc: op.hlc, reason: p.data.reason };
        routePriority = p.data.priority;
        routed = { ...routed, department: p.data.department };
        verdict('applied');
      }
    } else if (op.type === 'sla.breached') {
      const p = SlaBreachedV1.safeParse(op.payload);
      const stoppedAt = routed.stoppedAt ?? null;
      if (op.actor !== SYSTEM_ACTOR) verdict('refused', 'only the scheduler records a breach');
      else if (!p.success) verdict('refused', 'not a breach this version reads');
      // A station apart from the one that answered may breach a mention answered in time.
      else if (stoppedAt !== null && stoppedAt <= p.data.due)
        verdict('refused', 'answered before it was due');
      else if (breach) verdict('refused', 'already breached');
      else {
        breach = { op: op.id, hlc: op.hlc };
        verdict('applied');
      }
    } else verdict('refused', `unknown op type ${op.type}`);
  }
  const basePriority = routePriority ?? routed.priority;
  const priority = clampPriority(basePriority + (breach ? BREACH_RAISE : 0));
  return {
    state: { department: routed.department, priority, basePriority, route, breach },
    verdicts,
  };
}

/** Re-derives one mention's routing from its ops; false when the mention is not here yet. */
export async function refoldMentionRouting(
  tx: Sql,
  id: string,
  roles: RoleHistory,
  targets: SlaTargets,
): Promise<boolean> {
  const ops = await opsBySubject(tx, id, MENTION_ROUTING_OPS);
  await roles.load(ops.map((o) => o.actor));
  const routed = await routedOf(tx, id);
  const { state, verdicts } = foldMentionRouting(
    ops,
    {
      department: routed?.routed_department ?? null,
      priority: routed?.routed_priority ?? 0,
      stoppedAt:
        routed && routed.status !== 'open' && routed.status_at
          ? Date.parse(routed.status_at)
          : null,
    },
    (a, h) => roles.roleAt(a, h),
  );
  await writeEffects(tx, routingEffectsSubject(id), verdicts);
  if (!routed) return false;
  await writeMentionRouting(tx, id, state, targets);
  return true;
}

/** Re-judges a room setting's ops (routing.set or sla.set) and writes the one in force. */
async function refoldRoomConfig(tx: Sql, key: 'routing' | 'sla', roles: RoleHistory) {
  const type = key === 'routing' ? 'routing.set' : 'sla.set';
  const ops = await opsBySubject(tx, key === 'routing' ? ROUTING_SUBJECT : SLA_SUBJECT, [type]);
  await roles.load(ops.map((o) => o.actor));
  const verdicts: Verdict[] = [];
  let inForce: Op | null = null;
  let value = '';
  for (const op of ops) {
    const refuse = (reason: string) => verdicts.push({ opId: op.id, effect: 'refused', reason });
    if (!can(roles.roleAt(op.actor, op.hlc), 'routing.manage')) {
      refuse(`only an admin sets the ${key === 'routing' ? 'routing rules' : 'SLA targets'}`);
      continue;
    }
    if (key === 'routing') {
      const p = RoutingSetV1.safeParse(op.payload);
      const rules = p.success ? parseRoutingRules(p.data.yaml, 'routing.yaml') : null;
      if (!p.success || !rules?.ok) {
        refuse('not routing rules this version reads');
        continue;
      }
      value = p.data.yaml;
    } else {
      const p = SlaSetV1.safeParse(op.payload);
      if (!p.success) {
        refuse('not SLA targets this version reads');
        continue;
      }
      value = JSON.stringify(p.data.targets);
    }
    inForce = op;
    verdicts.push({ opId: op.id, effect: 'applied', reason: null });
  }
  await writeEffects(tx, key === 'routing' ? ROUTING_SUBJECT : SLA_SUBJECT, verdicts);
  await putRoomConfig(
    tx,
    key,
    inForce && { value, op_id: inForce.id, hlc: inForce.hlc, actor: inForce.actor },
  );
}

/** What a batch's routing and SLA ops did. */
export type RoutingApplied = {
  mentionsChanged: string[];
  rulesChanged: boolean;
  slaChanged: boolean;
  /** Breaches that took effect in this batch (mention ids), for the leads' notice. */
  breached: string[];
};

/** What an ingest in the batch means for routing (applyOps finds it while deriving mentions). */
export type RoutingIngest = {
  /** The mentions' highest seq before the batch: rows past it are new. */
  afterSeq: number;
  /** The ingested mentions' ids (a replica's; empty for this station's own ingest). */
  ids: readonly string[];
  /** Those of them with routing ops held already (re-routes, breaches that arrived first). */
  withRoutingOps: readonly string[];
  /** Whether a mention held before got another copy (an earlier one moves its due time). */
  updatedHeld: boolean;
};

/**
 * Applies routing and SLA effects inside applyOps' transaction: room settings, SLA due times of
 * ingested mentions, and re-derives the mentions whose routing ops (or ingest) arrived.
 */
export async function applyRoutingEffects(
  tx: Sql,
  ops: readonly Op[],
  roles: RoleHistory,
  /** Set when the batch ingested: mentions past `afterSeq` and `ids` (a replica's) need due times. */
  ingest: RoutingIngest | null,
): Promise<RoutingApplied> {
  const out: RoutingApplied = {
    mentionsChanged: [],
    rulesChanged: false,
    slaChanged: false,
    breached: [],
  };
  // A replica may hold re-routes and breaches before the mention, or get an earlier copy of it.
  const subjects = new Set<string>(ingest?.withRoutingOps ?? []);
  const answered: string[] = [];
  for (const op of ops) {
    if (op.type === 'routing.set') out.rulesChanged = true;
    else if (op.type === 'sla.set') out.slaChanged = true;
    else if ((MENTION_ROUTING_OPS as readonly string[]).includes(op.type) && op.subject)
      subjects.add(op.subject);
    else if (STATE_OPS.has(op.type) && op.subject) answered.push(op.subject);
  }
  // A status change (possibly arriving late) re-judges the mention's breach.
  for (const id of await withRoutingOps(tx, answered)) subjects.add(id);
  const regraded = ops
    .filter((o) => (o.type === 'operator.create' || o.type === 'operator.update') && o.subject)
    .map((o) => o.subject as string);
  for (const o of await routingOpsByActors(tx, regraded)) {
    if (o.type === 'routing.set') out.rulesChanged = true;
    else if (o.type === 'sla.set') out.slaChanged = true;
    else subjects.add(o.subject);
  }
  if (out.rulesChanged) await refoldRoomConfig(tx, 'routing', roles);
  if (out.slaChanged) await refoldRoomConfig(tx, 'sla', roles);
  if (!out.slaChanged && !ingest && subjects.size === 0) return out;
  const targets = await slaTargetsOf(tx);
  if (out.slaChanged) await setSlaOfAll(tx, targets);
  else if (ingest?.updatedHeld) await setSlaOfIngested(tx, targets, ingest.afterSeq, ingest.ids);
  const breachOps = new Set(ops.filter((o) => o.type === 'sla.breached').map((o) => o.id));
  for (const id of subjects) {
    if (!(await refoldMentionRouting(tx, id, roles, targets))) continue;
    out.mentionsChanged.push(id);
    const applied = await tx.get<{ sla_breach_op: string | null }>(
      'SELECT sla_breach_op FROM mentions WHERE id = ?',
      [id],
    );
    if (applied?.sla_breach_op && breachOps.has(applied.sla_breach_op)) out.breached.push(id);
  }
  return out;
}
