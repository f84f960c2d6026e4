import {
  CancelShiftSchema,
  CheckInSchema,
  CheckOutSchema,
  CreateSurgeSchema,
  ListRosterSchema,
  PlanShiftSchema,
  type RosterView,
} from '../../../shared/contract/roster';
import { can } from '../../../shared/domain/permissions';
import type { StationCore } from '../core/core';
import { operatorById } from '../db/queries/people';
import { checkedInOperators, shiftsBetween } from '../db/queries/roster';
import { cancelShift, checkIn, checkOut, planShift } from '../roster/roster-commands';
import { createSurgeAccounts } from '../roster/surge-accounts';
import { DeskError, handler, type DeskHandlerMap } from './handler';

const DAY_MS = 24 * 3_600_000;

/** The roster as desks see it: who is on shift now, and shifts planned in [from, to). */
async function rosterView(
  core: StationCore,
  window: { from?: string | undefined; to?: string | undefined } = {},
): Promise<RosterView> {
  const from = window.from ?? new Date().toISOString();
  const to = window.to ?? new Date(Date.parse(from) + DAY_MS).toISOString();
  const onShift = (await checkedInOperators(core.read)).map(
    ({ deskStation: _station, ...view }) => view,
  );
  return { onShift, shifts: await shiftsBetween(core.read, from, to) };
}

/** Handlers of the roster domain. */
export const rosterHandlers: DeskHandlerMap<
  | 'roster.checkIn'
  | 'roster.checkOut'
  | 'roster.list'
  | 'roster.planShift'
  | 'roster.cancelShift'
  | 'roster.createSurge'
> = {
  'roster.checkIn': handler({
    input: CheckInSchema,
    permission: 'roster.check-in',
    run: async ({ core, operator }, input) => {
      await checkIn(core, operator.id, input);
      return rosterView(core);
    },
  }),
  'roster.checkOut': handler({
    input: CheckOutSchema,
    permission: 'roster.check-in',
    run: async ({ core, operator }, { operatorId }) => {
      const who = operatorId ?? operator.id;
      const self = who === operator.id;
      if (!self && !can(operator.role, 'roster.manage'))
        throw new DeskError('forbidden', 'only a lead or an admin checks somebody else out');
      if (!self && !(await operatorById(core.read, who)))
        throw new DeskError('not-found', `no account with id ${who}`);
      const released = await checkOut(core, operator.id, who, self ? 'self' : 'lead');
      return { ...(await rosterView(core)), released };
    },
  }),
  'roster.list': handler({
    input: ListRosterSchema,
    permission: 'operator.read',
    run: async ({ core }, window) => rosterView(core, window),
  }),
  'roster.planShift': handler({
    input: PlanShiftSchema,
    permission: 'roster.manage',
    run: async ({ core, operator }, input) => {
      if (!(await operatorById(core.read, input.operatorId)))
        throw new DeskError('not-found', `no account with id ${input.operatorId}`);
      const shiftId = await planShift(core, operator.id, input);
      return { ...(await rosterView(core)), shiftId };
    },
  }),
  'roster.cancelShift': handler({
    input: CancelShiftSchema,
    permission: 'roster.manage',
    run: async ({ core, operator }, { shiftId }) => {
      await cancelShift(core, operator.id, shiftId);
      return rosterView(core);
    },
  }),
  'roster.createSurge': handler({
    input: CreateSurgeSchema,
    permission: 'operator.manage',
    run: async ({ core, operator }, input) => ({
      accounts: await createSurgeAccounts(core, operator.id, input),
    }),
  }),
};
