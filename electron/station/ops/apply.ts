import type { Sql } from '../db/connection';
import { insertOps, opsBeforeIngest, storedIdsAt, subjectsOfActorSince } from '../db/queries/ops';
import { MENTION_STATE_OPS } from '../../../shared/domain/mention-state';
import type { Op } from './op';
import { PEOPLE_OPS } from './payloads';
import { refoldMentions } from './reducers/mentions';
import { refoldRun } from './reducers/runs';
import { putAlert } from '../db/queries/alerts';
import { RUN_OPS } from './run-payloads';
import { deriveIngested } from '../db/queries/mention-writes';
import { applyRoomOp, refoldOperator } from './reducers/people';
import { RoleHistory } from './reducers/roles';
import { mentionIdOf } from '../mentions/mention-id';
import type { IngestItem } from './payloads';
import { MESSAGE_OPS } from '../../../shared/messaging/message-state';
import { allMessageIds } from '../db/queries/messages';
import { PolicyHistory, refoldMessage } from './reducers/messages';
import { StaffingBatch } from './reducers/staffing';
import { CHECK_OPS, SHIFT_OPS } from '../../../shared/domain/roster';
import { refoldRoster, refoldShift } from './reducers/roster';
import { applyRoutingEffects, type RoutingApplied, type RoutingIngest } from './reducers/routing';
import { maxMentionSeq, slaTargetsOf } from '../db/queries/routing';
import { RETRO_OPS } from '../../../shared/review/retrospective';
import { refoldReview } from './reducers/reviews';
import { CONTACT_OPS } from '../../../shared/contacts/contact-ops';
import { refoldContactLink } from './reducers/contacts';
import { recoveryEffects, RECOVERY_OPS } from './reducers/recovery-effects';
import { revocationEffects, type Touched } from './reducers/revocation-effects';
import { applyPrivacyEffects } from '../privacy/privacy-effects';
import type { PrivacyApplied } from '../privacy/privacy-pass';
import { CLOSURE_OPS } from './closure-payloads';
import { refoldClosure } from './reducers/closure';

/** The items of an ingest op (erased ones included), whatever shape a newer version sent. */
function ingestItemsOf(op: Op): (IngestItem | { erased: string })[] {
  const items = (op.payload as { items?: unknown } | null)?.items;
  return Array.isArray(items) ? items.filter((i) => typeof i === 'object' && i !== null) : [];
}

const RUN_OP_TYPES = new Set(RUN_OPS);
const MESSAGE_OP_TYPES = new Set(MESSAGE_OPS);
const RETRO_OP_TYPES = new Set(RETRO_OPS);
const CONTACT_OP_TYPES = new Set(CONTACT_OPS);
const CLOSURE_OP_TYPES = new Set<string>(CLOSURE_OPS);

/** Thrown when an op claims a place in a chain that holds a different op (a forged or forked chain). */
export class ChainForkError extends Error {
  constructor(origin: string, seq: number) {
    super(`station ${origin} has two different ops at seq ${seq}: refusing the batch`);
  }
}

/** What applying a batch changed, for pushing deltas to desks. */
export type Applied = {
  ops: Op[];
  /** How many mentions the batch's ingest ops carried (new or duplicate). */
  ingested: number;
  /** How many ingested mentions were new (the rest were duplicates). */
  newMentions: number;
  mentionsChanged: string[];
  operatorsChanged: boolean;
  roomChanged: boolean;
  /** Playbook runs whose state was re-derived. */
  runsChanged: string[];
  /** Whether alerts were raised (here or by a peer). */
  alertsRaised: boolean;
  /** Messages (replies, statements) whose state was re-derived. */
  messagesChanged: string[];
  /** Whether staffing ops were folded (the level, its measurements or its changes). */
  staffingChanged?: boolean;
  /** Scheduled events whose state was re-derived. */
  eventsChanged?: string[];
  /** Whether anyone's roster row or a planned shift was re-derived. */
  rosterChanged?: boolean;
  /** What routing and SLA ops did (room settings, re-routes, breaches). */
  routing?: RoutingApplied;
  /** Reviews whose retrospective was re-derived. */
  reviewsChanged?: string[];
  /** Identifiers whose customer links were re-derived (merged, unmerged, dismissed). */
  contactsChanged?: string[];
  /** What erasures and retention erased or withheld (privacy/privacy-pass.ts). */
  privacy?: PrivacyApplied;
};

const STATE_OPS = new Set<string>(MENTION_STATE_OPS);
const ACCOUNT_OPS = ['operator.create', 'operator.update', 'operator.revoke'];

/**
 * Stores ops and their effects, inside the caller's transaction. Ops already stored are skipped
 * (so applying the same op twice changes nothing); effects are re-derived per subject from the
 * whole set of its ops, so the order ops arrive in does not matter.
 */
export async function applyOps(
  tx: Sql,
  incoming: readonly Op[],
  /** fresh: new ops made here; unheld: checked in this transaction to be none of them held. */
  opts: { fresh: boolean; unheld?: boolean },
): Promise<Applied> {
  const stored =
    opts.fresh || opts.unheld ? new Map<string, string>() : await storedIdsAt(tx, incoming);
  const seen = new Set<string>();
  const ops: Op[] = [];
  for (const o of incoming) {
    const place = `${o.origin}/${o.seq}`;
    const there = stored.get(place) ?? (seen.has(place) ? o.id : undefined);
    if (there === o.id) continue;
    if (there !== undefined) throw new ChainForkError(o.origin, o.seq);
    seen.add(place);
    ops.push(o);
  }
  const rowidBefore = await insertOps(tx, ops);

  const roles = new RoleHistory(tx);
  const out: Applied = {
    ops,
    ingested: 0,
    newMentions: 0,
    mentionsChanged: [],
    operatorsChanged: false,
    roomChanged: false,
    runsChanged: [],
    alertsRaised: false,
    messagesChanged: [],
  };
  const messageSubjects = new Set<string>();
  let policyChanged = false;
  const mentionSubjects = new Set<string>();
  const runSubjects = new Set<string>();
  const operatorSubjects = new Set<string>();
  const checkSubjects = new Set<string>();
  const shiftSubjects = new Set<string>();
  const reviewSubjects = new Set<string>();
  const contactSubjects = new Set<string>();
  const ingests: Op[] = [];
  const staffing = new StaffingBatch();
  // The earliest HLC of a recovery op in this batch: later recoveries are judged again.
  let recoveryFrom: string | null = null;
  // Revocations and key rotations first: they decide which ops (of this batch and held ones) count.
  const revocation = await revocationEffects(
    tx,
    roles,
    ops,
    ops.some((o) => ACCOUNT_OPS.includes(o.type) || o.type === 'room.recover'),
  );
  if (revocation.changed) out.roomChanged = true;
  for (const t of revocation.touched) staffing.touched(t.type, t.subject);
  let closureChanged = false;

  // The batch's ops that count, and stand-ins for held ops whose effect a revocation changed.
  const effective = [
    ...ops.filter((o) => !revocation.isVoid(o)),
    ...touchedOps(revocation.touched),
  ];
  for (const op of effective) {
    if (RECOVERY_OPS.has(op.type) && (recoveryFrom === null || op.hlc < recoveryFrom))
      recoveryFrom = op.hlc;
    if (staffing.take(op)) continue;
    if (op.type === 'mention.ingest') ingests.push(op);
    else if (STATE_OPS.has(op.type) && op.subject) mentionSubjects.add(op.subject);
    else if (RUN_OP_TYPES.has(op.type) && op.subject) runSubjects.add(op.subject);
    else if (MESSAGE_OP_TYPES.has(op.type) && op.subject) messageSubjects.add(op.subject);
    else if (RETRO_OP_TYPES.has(op.type) && op.subject) reviewSubjects.add(op.subject);
    else if (CONTACT_OP_TYPES.has(op.type) && op.subject) contactSubjects.add(op.subject);
    else if (op.type === 'policy.set') policyChanged = true;
    else if (CLOSURE_OP_TYPES.has(op.type)) closureChanged = true;
    else if ((CHECK_OPS as readonly string[]).includes(op.type) && op.subject)
      checkSubjects.add(op.subject);
    else if ((SHIFT_OPS as readonly string[]).includes(op.type) && op.subject)
      shiftSubjects.add(op.subject);
    else if (op.type === 'alert.raised' && op.v === 1) {
      await putAlert(tx, op as Parameters<typeof putAlert>[1]);
      out.alertsRaised = true;
    } else if (
      (op.type === 'operator.create' ||
        op.type === 'operator.update' ||
        op.type === 'operator.revoke' ||
        op.type === 'room.recover') &&
      op.subject
    )
      operatorSubjects.add(op.subject);
    else if ((PEOPLE_OPS as readonly string[]).includes(op.type)) {
      await applyRoomOp(tx, op);
      out.roomChanged = true;
    }
    // Unknown types (from a newer version) are stored and forwarded but have no effect here.
  }

  // Re-derive touched accounts. A role change (possibly arriving late) can change the verdicts of
  // that account's later ops: on mentions, and on other accounts it created or changed.
  const since = new Map<string, string>();
  for (const op of effective) {
    if (op.subject && operatorSubjects.has(op.subject)) {
      const prev = since.get(op.subject);
      if (prev === undefined || op.hlc < prev) since.set(op.subject, op.hlc);
    }
  }
  const queue = [...since.entries()];
  if (recoveryFrom !== null) queue.push(...(await recoveryEffects(tx, roles, recoveryFrom)));
  const refolded = new Set<string>();
  while (queue.length > 0) {
    const [id, from] = queue.pop() as [string, string];
    if (refolded.has(id)) continue;
    refolded.add(id);
    await refoldOperator(tx, id, roles);
    out.operatorsChanged = true;
    for (const s of await subjectsOfActorSince(tx, id, from, ACCOUNT_OPS))
      if (!refolded.has(s)) queue.push([s, from]);
    for (const s of await subjectsOfActorSince(tx, id, from, MENTION_STATE_OPS))
      mentionSubjects.add(s);
    for (const s of await subjectsOfActorSince(tx, id, from, RUN_OPS)) runSubjects.add(s);
    for (const s of await subjectsOfActorSince(tx, id, from, MESSAGE_OPS)) messageSubjects.add(s);
    for (const s of await subjectsOfActorSince(tx, id, from, CHECK_OPS)) checkSubjects.add(s);
    for (const s of await subjectsOfActorSince(tx, id, from, SHIFT_OPS)) shiftSubjects.add(s);
    for (const s of await subjectsOfActorSince(tx, id, from, RETRO_OPS)) reviewSubjects.add(s);
    for (const s of await subjectsOfActorSince(tx, id, from, CONTACT_OPS)) contactSubjects.add(s);
    if ((await subjectsOfActorSince(tx, id, from, ['policy.set'])).length > 0) policyChanged = true;
    if ((await subjectsOfActorSince(tx, id, from, CLOSURE_OPS)).length > 0) closureChanged = true;
    if ((await subjectsOfActorSince(tx, id, from, ['room.recovery-key'])).length > 0)
      for (const entry of await recoveryEffects(tx, roles, from))
        if (!refolded.has(entry[0])) queue.push(entry);
    await staffing.actorChanged(tx, id, from);
  }

  if (closureChanged) {
    await refoldClosure(tx, roles);
    out.roomChanged = true;
  }

  let routingIngest: RoutingIngest | null = null;
  if (ingests.length > 0) {
    const afterSeq = await maxMentionSeq(tx);
    const derived = await deriveIngested(tx, rowidBefore, await slaTargetsOf(tx), afterSeq);
    out.newMentions = derived.added;
    const ingested: string[] = [];
    for (const o of ingests) {
      if (opts.fresh && o.payloadItems !== undefined) {
        out.ingested += o.payloadItems;
        continue;
      }
      const items = ingestItemsOf(o);
      out.ingested += items.length;
      if (!opts.fresh)
        for (const it of items)
          if ('mention' in it)
            ingested.push(mentionIdOf(it.mention.channel, it.mention.externalId));
    }
    // A replica may have received state ops before the mention itself: fold those mentions now
    // (only those — folding every ingested mention made catch-up crawl).
    const early = await opsBeforeIngest(tx, ingested);
    for (const id of early.any) mentionSubjects.add(id);
    routingIngest = {
      afterSeq,
      ids: ingested,
      withRoutingOps: early.routing,
      updatedHeld: derived.updatedHeld,
    };
  }

  await refoldMentions(tx, mentionSubjects, roles);
  out.routing = await applyRoutingEffects(
    tx,
    ops.filter((o) => !revocation.isVoid(o)),
    roles,
    routingIngest,
  );
  for (const id of out.routing.mentionsChanged) mentionSubjects.add(id);
  out.mentionsChanged = [...mentionSubjects];
  for (const id of runSubjects) await refoldRun(tx, id, roles);
  out.runsChanged = [...runSubjects];
  if (messageSubjects.size > 0 || policyChanged) {
    const policies = new PolicyHistory(tx, roles);
    await policies.load(tx);
    if (policyChanged) await policies.recordEffects(tx);
    // A policy change re-judges every message: what it needs, and sends made under it.
    if (policyChanged) for (const id of await allMessageIds(tx)) messageSubjects.add(id);
    for (const id of messageSubjects) await refoldMessage(tx, id, roles, policies);
    out.messagesChanged = [...messageSubjects];
  }
  for (const id of checkSubjects) await refoldRoster(tx, id, roles);
  for (const id of shiftSubjects) await refoldShift(tx, id, roles);
  if (checkSubjects.size > 0 || shiftSubjects.size > 0) out.rosterChanged = true;
  for (const id of reviewSubjects) await refoldReview(tx, id, roles);
  if (reviewSubjects.size > 0) out.reviewsChanged = [...reviewSubjects];
  const contactsChanged = new Set<string>();
  for (const s of contactSubjects)
    for (const id of await refoldContactLink(tx, s, roles)) contactsChanged.add(id);
  if (contactSubjects.size > 0) out.contactsChanged = [...contactsChanged];
  Object.assign(out, await staffing.fold(tx, roles));
  // Last: erasures and retention take what the batch derived from a person's data back out.
  await applyPrivacyEffects(tx, ops, rowidBefore, roles, out, revocation.isVoid);
  return out;
}

// Op types whose subjects are re-derived when a revocation turns their ops' effect on or off.
const REDERIVED = new Set<string>([
  ...STATE_OPS,
  ...RUN_OPS,
  ...MESSAGE_OPS,
  ...RETRO_OPS,
  ...CONTACT_OPS,
  ...CHECK_OPS,
  ...SHIFT_OPS,
  ...ACCOUNT_OPS,
  'room.recover',
  'policy.set',
]);

/**
 * Stand-ins for held ops whose effect a revocation turned on or off: each names a subject, type
 * and HLC, so the loop in applyOps re-derives that subject as if the op had just arrived.
 */
function touchedOps(touched: readonly Touched[]): Op[] {
  return touched
    .filter((t) => REDERIVED.has(t.type) && t.subject !== null)
    .map((t) => ({
      id: '',
      origin: '',
      seq: 0,
      hlc: t.hlc,
      actor: '',
      type: t.type,
      v: 0,
      payload: null,
      payloadHash: '',
      prev: null,
      sig: null,
      subject: t.subject,
    }));
}
