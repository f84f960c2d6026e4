import { randomUUID } from 'node:crypto';
import type { StationCore } from '../core/core';
import { effectOf } from '../db/queries/effects';
import { rosterOf, shiftExists } from '../db/queries/roster';
import { CommandError, releaseClaimsOf } from '../mentions/commands';
import type { OpDraft } from '../ops/op';
import type { Department } from '../../../shared/domain/people';
import type { CheckOutReason } from '../../../shared/domain/roster';

/** Commits one op and answers with its effect; a refused op throws with why (it stays in the log). */
async function commitJudged(core: StationCore, draft: OpDraft): Promise<string> {
  const applied = await core.commit([draft]);
  const opId = applied.ops[0]?.id as string;
  const effect = await effectOf(core.db, opId);
  if (effect && effect.effect !== 'applied')
    throw new CommandError('forbidden', effect.reason ?? 'refused');
  return opId;
}

/** An operator checks themself in at this station (or changes department, skills, capacity). */
export async function checkIn(
  core: StationCore,
  operatorId: string,
  input: { department: Department; skills: string[]; capacity: number },
): Promise<void> {
  await commitJudged(core, {
    type: 'shift.check-in',
    v: 1,
    actor: operatorId,
    subject: operatorId,
    payload: { ...input, deskStation: core.stationId },
  });
}

/**
 * Checks an operator out (themself, a lead, or the scheduler) and hands the mentions they held
 * here back to the queue. Answers how many claims were released.
 */
export async function checkOut(
  core: StationCore,
  actor: string,
  operatorId: string,
  reason: CheckOutReason,
): Promise<number> {
  const now = await rosterOf(core.db, operatorId);
  if (!now?.checkedIn) throw new CommandError('conflict', 'not on shift');
  await commitJudged(core, {
    type: 'shift.check-out',
    v: 1,
    actor,
    subject: operatorId,
    payload: { reason },
  });
  return releaseClaimsOf(core, operatorId);
}

/** A lead plans a shift (a new one, or a change to one already planned). */
export async function planShift(
  core: StationCore,
  actor: string,
  input: {
    shiftId?: string | undefined;
    operatorId: string;
    department: Department;
    start: string;
    end: string;
    note?: string | undefined;
  },
): Promise<string> {
  const shiftId = input.shiftId ?? `shift-${randomUUID()}`;
  if (input.shiftId !== undefined && !(await shiftExists(core.db, shiftId)))
    throw new CommandError('not-found', `no shift with id ${shiftId}`);
  await commitJudged(core, {
    type: 'shift.plan',
    v: 1,
    actor,
    subject: shiftId,
    payload: {
      shiftId,
      operatorId: input.operatorId,
      department: input.department,
      start: input.start,
      end: input.end,
      ...(input.note !== undefined && input.note !== '' && { note: input.note }),
    },
  });
  return shiftId;
}

/** A lead cancels a planned shift. */
export async function cancelShift(
  core: StationCore,
  actor: string,
  shiftId: string,
): Promise<void> {
  if (!(await shiftExists(core.db, shiftId)))
    throw new CommandError('not-found', `no shift with id ${shiftId}`);
  await commitJudged(core, {
    type: 'shift.cancel',
    v: 1,
    actor,
    subject: shiftId,
    payload: { shiftId },
  });
}
