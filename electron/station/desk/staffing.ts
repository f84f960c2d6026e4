import { z } from 'zod';
import {
  AnswerReserveSchema,
  SaveEventSchema,
  SetStaffingSchema,
} from '../../../shared/contract/staffing';
import { ReservesSchema } from '../../../shared/staffing/reserves';
import type { StationCore } from '../core/core';
import {
  answerReserve,
  cancelEvent,
  configureStaffing,
  setReserves,
  resumeAutomatic,
  saveEvent,
  setStaffingLevel,
} from '../staffing/staffing-commands';
import { eventView, eventViews, planOf, staffingStatus } from '../staffing/staffing-views';
import { DeskError, NoInput, handler, type DeskHandlerMap } from './handler';

const EventIdInput = z.object({ eventId: z.string().trim().min(1).max(64) }).strict();

async function mustEvent(core: StationCore, id: string) {
  const event = await eventView(core, id);
  if (!event) throw new DeskError('not-found', `no event with id ${id}`);
  return event;
}

/** Handlers of the staffing domain: events and their plans, the staffing level. */
export const staffingHandlers: DeskHandlerMap<
  | 'staffing.saveEvent'
  | 'staffing.cancelEvent'
  | 'staffing.events'
  | 'staffing.plan'
  | 'staffing.status'
  | 'staffing.set'
  | 'staffing.auto'
  | 'staffing.configure'
  | 'staffing.setReserves'
  | 'staffing.answerReserve'
> = {
  'staffing.setReserves': handler({
    input: z.object({ reserves: ReservesSchema }).strict(),
    permission: 'staffing.manage',
    run: async ({ core, operator }, { reserves }) => {
      await setReserves(core, operator.id, reserves);
      return { status: await staffingStatus(core) };
    },
  }),
  'staffing.answerReserve': handler({
    input: AnswerReserveSchema,
    permission: 'staffing.manage',
    run: async ({ core, operator }, input) => {
      await answerReserve(core, operator.id, input);
      return { status: await staffingStatus(core) };
    },
  }),
  'staffing.configure': handler({
    input: z.object({ thresholds: z.unknown() }).strict(),
    permission: 'staffing.manage',
    run: async ({ core, operator }, { thresholds }) => {
      await configureStaffing(core, operator.id, thresholds);
      return { status: await staffingStatus(core) };
    },
  }),
  'staffing.saveEvent': handler({
    input: SaveEventSchema,
    permission: 'staffing.manage',
    run: async ({ core, operator }, input) => {
      const id = await saveEvent(core, operator.id, input);
      return { event: await mustEvent(core, id) };
    },
  }),
  'staffing.cancelEvent': handler({
    input: EventIdInput,
    permission: 'staffing.manage',
    run: async ({ core, operator }, { eventId }) => {
      await cancelEvent(core, operator.id, eventId);
      return { event: await mustEvent(core, eventId) };
    },
  }),
  'staffing.events': handler({
    input: NoInput,
    permission: 'mention.read',
    run: async ({ core }) => ({ events: await eventViews(core) }),
  }),
  'staffing.plan': handler({
    input: EventIdInput,
    permission: 'mention.read',
    run: async ({ core }, { eventId }) => ({ plan: planOf(await mustEvent(core, eventId)) }),
  }),
  'staffing.status': handler({
    input: NoInput,
    permission: 'mention.read',
    run: async ({ core }) => ({ status: await staffingStatus(core) }),
  }),
  'staffing.set': handler({
    input: SetStaffingSchema,
    permission: 'staffing.manage',
    run: async ({ core, operator }, { level, reason }) => {
      await setStaffingLevel(core, operator.id, level, reason);
      return { status: await staffingStatus(core) };
    },
  }),
  'staffing.auto': handler({
    input: NoInput,
    permission: 'staffing.manage',
    run: async ({ core, operator }) => {
      await resumeAutomatic(core, operator.id);
      return { status: await staffingStatus(core) };
    },
  }),
};
