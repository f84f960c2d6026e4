import { createActor, type Snapshot } from 'xstate';
import type { Sql } from '../../db/connection';
import { opsBySubject, subjectsOfActorSince } from '../../db/queries/ops';
import { writeEffects } from '../../db/queries/mention-writes';
import {
  addEffects,
  clearStaffing,
  deleteEvent,
  insertStaffingChange,
  staffingState,
  writeEvent,
  writeStaffingState,
} from '../../db/queries/staffing';
import type { Verdict } from '../../../../shared/domain/mention-state';
import {
  staffingMachine,
  type StaffingEvent,
  type StaffingLevel,
} from '../../../../shared/staffing/staffing-machine';
import type {
  StaffingMeasurements,
  StaffingThresholds,
} from '../../../../shared/staffing/staffing-thresholds';
import { decodeHlc } from '../../../../shared/sync/hlc';
import { SYSTEM_ACTOR, type Op } from '../op';
import {
  EVENT_OPS,
  EventSaveV1,
  RESERVE_OPS,
  STAFFING_OPS,
  STAFFING_PAYLOADS,
  STAFFING_SUBJECT,
} from '../staffing-payloads';
import { RoleHistory } from './roles';
import { refoldReserves } from './reserves';

/** Bumped whenever folding the same ops could give a different state: the cache is redone. */
export const STAFFING_ENGINE = 1;

const LEADS = new Set(['admin', 'lead']);
const refused = (op: Op, reason: string): Verdict => ({ opId: op.id, effect: 'refused', reason });
const applied = (op: Op): Verdict => ({ opId: op.id, effect: 'applied', reason: null });
const wallOf = (op: Op) => decodeHlc(op.hlc).wall;
const after = (a: { hlc: string; id: string }, hlc: string, id: string) =>
  a.hlc > hlc || (a.hlc === hlc && a.id > id);

/**
 * Re-derives an event from all its ops: the latest save by a lead or an admin (at the save's HLC)
 * is the event; a cancel by one of them ends it for good, and saves after it are refused.
 */
export async function refoldEvent(tx: Sql, eventId: string, roles: RoleHistory): Promise<void> {
  const ops = await opsBySubject(tx, eventId, EVENT_OPS);
  await roles.load(ops.map((o) => o.actor));
  const verdicts: Verdict[] = [];
  let cancel: Op | null = null;
  let save: { op: Op; payload: ReturnType<typeof EventSaveV1.parse> } | null = null;
  for (const op of ops) {
    if (!LEADS.has(roles.roleAt(op.actor, op.hlc) ?? '')) {
      verdicts.push(refused(op, 'only a lead or an admin may plan events'));
      continue;
    }
    if (cancel) {
      verdicts.push(refused(op, 'the event was already cancelled'));
      continue;
    }
    if (op.type === 'event.cancel') {
      verdicts.push(save ? applied(op) : refused(op, 'no such event'));
      if (save) cancel = op;
      continue;
    }
    const parsed = EventSaveV1.safeParse(op.payload);
    if (!parsed.success) {
      verdicts.push(refused(op, `not a valid event: ${parsed.error.issues[0]?.message ?? ''}`));
      continue;
    }
    save = { op, payload: parsed.data };
    verdicts.push(applied(op));
  }
  if (!save) await deleteEvent(tx, eventId);
  else
    await writeEvent(tx, {
      id: eventId,
      ...save.payload,
      savedBy: save.op.actor,
      savedHlc: save.op.hlc,
      cancelledHlc: cancel?.hlc ?? null,
    });
  await writeEffects(tx, eventId, verdicts);
}

/** The machine event a staffing op stands for, or why it has no effect. */
function eventOf(op: Op, roles: RoleHistory): StaffingEvent | string {
  const parsed = STAFFING_PAYLOADS[op.type]?.[op.v]?.safeParse(op.payload);
  if (!parsed?.success) return `not a valid ${op.type} v${op.v}`;
  const p = parsed.data as Record<string, unknown>;
  if (op.type === 'staffing.sample') {
    if (op.actor !== SYSTEM_ACTOR) return 'only a station records measurements';
    return {
      type: 'staffing.sample',
      at: p.at as number,
      measurements: p.measurements as StaffingMeasurements,
    };
  }
  const role = roles.roleAt(op.actor, op.hlc);
  if (!role || !LEADS.has(role)) return 'only a lead or an admin may set the staffing level';
  const actor = { id: op.actor, role };
  if (op.type === 'staffing.auto') return { type: 'staffing.auto', at: wallOf(op), actor };
  if (op.type === 'staffing.configure')
    return {
      type: 'staffing.configure',
      at: wallOf(op),
      actor,
      thresholds: p.thresholds as StaffingThresholds,
    };
  return {
    type: 'staffing.set',
    at: wallOf(op),
    actor,
    level: p.level as StaffingLevel,
    reason: p.reason as string,
  };
}

/** When the fold starts: the first op's measuring time (a sample's `at`), else its HLC time. */
function startOf(op: Op): number {
  const at = (op.payload as { at?: unknown } | null)?.at;
  return op.type === 'staffing.sample' && typeof at === 'number' ? at : wallOf(op);
}

/** Folds staffing ops (in HLC order) into a machine started fresh or from the cached snapshot. */
async function fold(
  tx: Sql,
  ops: readonly Op[],
  roles: RoleHistory,
  from: {
    snapshot: Snapshot<unknown> | null;
    measurements: string | null;
    measuredAt: number | null;
  },
): Promise<Verdict[]> {
  await roles.load(ops.map((o) => o.actor));
  const first = ops[0] as Op;
  const actor = (
    from.snapshot
      ? createActor(staffingMachine, { snapshot: from.snapshot, input: { startedAt: 0 } })
      : createActor(staffingMachine, { input: { startedAt: startOf(first) } })
  ).start();
  const verdicts: Verdict[] = [];
  let measurements = from.measurements;
  let measuredAt = from.measuredAt;
  for (const op of ops) {
    const event = eventOf(op, roles);
    if (typeof event === 'string') {
      verdicts.push(refused(op, event));
      continue;
    }
    actor.send(event);
    if (event.type === 'staffing.sample') {
      measurements = JSON.stringify(event.measurements);
      measuredAt = event.at;
    } else verdicts.push(applied(op));
    for (const t of actor.getSnapshot().context.transitions)
      await insertStaffingChange(tx, op.id, op.hlc, t);
  }
  const { context } = actor.getSnapshot();
  const last = ops.at(-1) as Op;
  await writeStaffingState(tx, {
    engine: STAFFING_ENGINE,
    level: context.level,
    since: context.since,
    mode: context.mode,
    summary: context.summary,
    measurements,
    measured_at: measuredAt,
    snapshot: JSON.stringify(actor.getPersistedSnapshot()),
    last_hlc: last.hlc,
    last_op: last.id,
  });
  actor.stop();
  return verdicts;
}

/** Folds every staffing op from the start (an op arrived out of order, or the engine changed). */
export async function refoldStaffing(tx: Sql, roles: RoleHistory): Promise<void> {
  await clearStaffing(tx);
  const ops = await opsBySubject(tx, STAFFING_SUBJECT, STAFFING_OPS);
  const verdicts =
    ops.length === 0
      ? []
      : await fold(tx, ops, roles, { snapshot: null, measurements: null, measuredAt: null });
  await writeEffects(tx, STAFFING_SUBJECT, verdicts);
}

/**
 * Brings the staffing level up to date with newly stored staffing ops. Ops that all come after
 * the last one folded continue from the cached snapshot; anything else (an op from a peer with an
 * earlier HLC, a late role change) folds every staffing op again, so every station holding the
 * same ops holds the same level and the same changes, whatever order they came in.
 */
export async function foldStaffingOps(
  tx: Sql,
  fresh: readonly Op[],
  roles: RoleHistory,
  opts: { refold: boolean },
): Promise<void> {
  const ops = [...fresh].sort((a, b) => (after(a, b.hlc, b.id) ? 1 : -1));
  const first = ops[0];
  const state = await staffingState(tx);
  const continues =
    !opts.refold &&
    first !== undefined &&
    state !== undefined &&
    state.engine === STAFFING_ENGINE &&
    after(first, state.last_hlc, state.last_op);
  if (!continues) return refoldStaffing(tx, roles);
  const verdicts = await fold(tx, ops, roles, {
    snapshot: JSON.parse(state.snapshot) as Snapshot<unknown>,
    measurements: state.measurements,
    measuredAt: state.measured_at,
  });
  await addEffects(tx, STAFFING_SUBJECT, verdicts);
}

const STAFFING_OP_TYPES = new Set<string>(STAFFING_OPS);
const RESERVE_OP_TYPES = new Set<string>(RESERVE_OPS);
const EVENT_OP_TYPES = new Set<string>(EVENT_OPS);
/** True for an op the staffing level folds. */
export const isStaffingOp = (type: string) => STAFFING_OP_TYPES.has(type);
/** True for an op about a scheduled event. */
export const isEventOp = (type: string) => EVENT_OP_TYPES.has(type);

/** A batch's staffing and event ops, folded once at the end of applyOps. */
export class StaffingBatch {
  private readonly ops: Op[] = [];
  private readonly events = new Set<string>();
  private refold = false;
  private reserves = false;

  /** Takes an op if it is a staffing, reserves or event op (true), to fold at the end of the batch. */
  take(op: Op): boolean {
    if (isStaffingOp(op.type)) this.ops.push(op);
    else if (RESERVE_OP_TYPES.has(op.type)) this.reserves = true;
    else if (isEventOp(op.type) && op.subject) this.events.add(op.subject);
    else return false;
    return true;
  }

  /** Ops of this type gained or lost their effect (a station revocation): fold them again. */
  touched(type: string, subject: string | null): void {
    if (isStaffingOp(type)) this.refold = true;
    else if (RESERVE_OP_TYPES.has(type)) this.reserves = true;
    else if (isEventOp(type) && subject) this.events.add(subject);
  }

  /** An account's role changed from `hlc` on: its staffing and event ops are judged again. */
  async actorChanged(tx: Sql, actor: string, hlc: string): Promise<void> {
    for (const s of await subjectsOfActorSince(tx, actor, hlc, EVENT_OPS)) this.events.add(s);
    if ((await subjectsOfActorSince(tx, actor, hlc, STAFFING_OPS)).length > 0) this.refold = true;
    if ((await subjectsOfActorSince(tx, actor, hlc, RESERVE_OPS)).length > 0) this.reserves = true;
  }

  /** Folds what the batch brought; says what changed. */
  async fold(
    tx: Sql,
    roles: RoleHistory,
  ): Promise<{ staffingChanged: boolean; eventsChanged: string[] }> {
    for (const id of this.events) await refoldEvent(tx, id, roles);
    if (this.ops.length > 0 || this.refold)
      await foldStaffingOps(tx, this.ops, roles, { refold: this.refold });
    if (this.reserves) await refoldReserves(tx, roles);
    const staffingChanged = this.ops.length > 0 || this.refold || this.reserves;
    return { staffingChanged, eventsChanged: [...this.events] };
  }
}
