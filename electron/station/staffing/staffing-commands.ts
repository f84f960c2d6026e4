import { randomUUID } from 'node:crypto';
import type { StationCore } from '../core/core';
import { effectOf } from '../db/queries/effects';
import { eventById } from '../db/queries/staffing';
import { CommandError } from '../mentions/commands';
import type { OpDraft } from '../ops/op';
import {
  RESERVE_CALLS_SUBJECT,
  RESERVES_SUBJECT,
  STAFFING_SUBJECT,
} from '../ops/staffing-payloads';
import { reservesOf } from './reserve-views';
import type { AnswerReserveSchema, SaveEventSchema } from '../../../shared/contract/staffing';
import type { ReservesSchema } from '../../../shared/staffing/reserves';
import type { StaffingLevel } from '../../../shared/staffing/staffing-machine';
import { parseStaffingThresholds } from '../../../shared/staffing/staffing-thresholds';
import type { z } from 'zod';

/** Records one op; one that had no effect answers with why (and stays in the log). */
async function record(core: StationCore, draft: OpDraft): Promise<void> {
  const applied = await core.commit([draft]);
  const effect = await effectOf(core.db, applied.ops[0]?.id as string);
  if (effect && effect.effect !== 'applied')
    throw new CommandError('forbidden', effect.reason ?? 'refused');
}

/** Saves a new event or a new version of one; answers its id. */
export async function saveEvent(
  core: StationCore,
  actor: string,
  input: z.output<typeof SaveEventSchema>,
): Promise<string> {
  const { eventId, ...payload } = input;
  const id = eventId ?? `event-${randomUUID()}`;
  if (eventId) {
    const known = await eventById(core.db, eventId);
    if (!known) throw new CommandError('not-found', `no event with id ${eventId}`);
    if (known.cancelled_hlc) throw new CommandError('conflict', 'the event was cancelled');
  }
  await record(core, { type: 'event.save', v: 1, actor, subject: id, payload });
  return id;
}

/** Cancels an event. */
export async function cancelEvent(core: StationCore, actor: string, id: string): Promise<void> {
  const known = await eventById(core.db, id);
  if (!known) throw new CommandError('not-found', `no event with id ${id}`);
  await record(core, { type: 'event.cancel', v: 1, actor, subject: id, payload: {} });
}

/** A lead holds the room at a level (until back to automatic). */
export async function setStaffingLevel(
  core: StationCore,
  actor: string,
  level: StaffingLevel,
  reason: string,
): Promise<void> {
  await record(core, {
    type: 'staffing.set',
    v: 1,
    actor,
    subject: STAFFING_SUBJECT,
    payload: { level, reason },
  });
}

/** The measurements decide the level again. */
export async function resumeAutomatic(core: StationCore, actor: string): Promise<void> {
  await record(core, {
    type: 'staffing.auto',
    v: 1,
    actor,
    subject: STAFFING_SUBJECT,
    payload: {},
  });
}

/**
 * The room's own staffing thresholds from now on (validated first: a mistake names its path, as
 * "surge.enter.queueDepth: … is below elevated.enter.queueDepth").
 */
export async function configureStaffing(
  core: StationCore,
  actor: string,
  thresholds: unknown,
): Promise<void> {
  const parsed = parseStaffingThresholds(thresholds);
  if (!parsed.ok) throw new CommandError('invalid', parsed.problems.join('; '));
  await record(core, {
    type: 'staffing.configure',
    v: 1,
    actor,
    subject: STAFFING_SUBJECT,
    payload: { thresholds: parsed.thresholds },
  });
}

/** The room's on-call reserves from now on (leads and admins). */
export async function setReserves(
  core: StationCore,
  actor: string,
  reserves: z.output<typeof ReservesSchema>,
): Promise<void> {
  await record(core, {
    type: 'reserves.set',
    v: 1,
    actor,
    subject: RESERVES_SUBJECT,
    payload: { reserves },
  });
}

/** Records what calling a reserve in came to, for the level change that called them. */
export async function answerReserve(
  core: StationCore,
  actor: string,
  input: z.output<typeof AnswerReserveSchema>,
): Promise<void> {
  const known = await core.db.get<{ n: number }>(
    'SELECT count(*) AS n FROM staffing_changes WHERE op_id = ? AND notify_reserves = 1',
    [input.changeOp],
  );
  if (!known?.n) throw new CommandError('not-found', 'no call-in of the reserves with that id');
  if (!(await reservesOf(core.db)).some((r) => r.id === input.reserveId))
    throw new CommandError('not-found', `no reserve "${input.reserveId}" in the list`);
  await record(core, {
    type: 'reserves.answer',
    v: 1,
    actor,
    subject: RESERVE_CALLS_SUBJECT,
    payload: input,
  });
}
