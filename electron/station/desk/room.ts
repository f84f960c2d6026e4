import {
  CreateOperatorSchema,
  ResetPasswordSchema,
  UpdateOperatorSchema,
} from '../../../shared/contract/room';
import { NoSuchAccountError, resetPassword } from '../auth/password-reset';
import { renewRecoveryCode } from '../room/room-recovery';
import { roomClosedView } from '../rooms/room-closure';
import { getRoom, listOperators, operatorById, toOperator } from '../db/queries/people';
import { UsernameTakenError, createOperator } from '../room/war-room';
import { DeskError, NoInput, handler, type DeskHandlerMap } from './handler';

/** Handlers of the room and people domain. */
export const roomHandlers: DeskHandlerMap<
  | 'room.get'
  | 'operator.list'
  | 'operator.create'
  | 'operator.update'
  | 'operator.resetPassword'
  | 'room.renewRecoveryCode'
> = {
  'room.get': handler({
    input: NoInput,
    permission: 'mention.read',
    run: async ({ core, operator }) => {
      const room = await getRoom(core.read);
      if (!room) throw new DeskError('not-found', 'no war room yet');
      return {
        warRoomId: room.id,
        warRoom: room.name,
        mode: room.mode,
        stationId: core.stationId,
        me: operator,
        closed: await roomClosedView(core.read),
      };
    },
  }),
  'operator.list': handler({
    input: NoInput,
    permission: 'operator.read',
    run: async ({ core }) => ({ operators: (await listOperators(core.read)).map(toOperator) }),
  }),
  'operator.create': handler({
    input: CreateOperatorSchema,
    permission: 'operator.manage',
    run: async ({ core, operator }, input) => {
      try {
        const id = await createOperator(core, operator.id, input);
        const row = await operatorById(core.db, id);
        if (!row) throw new DeskError('internal', 'account was not created');
        return { operator: toOperator(row) };
      } catch (err) {
        if (err instanceof UsernameTakenError) throw new DeskError('conflict', err.message);
        throw err;
      }
    },
  }),
  'operator.update': handler({
    input: UpdateOperatorSchema,
    permission: 'operator.manage',
    run: async ({ core, operator }, { operatorId, ...changes }) => {
      if (!(await operatorById(core.db, operatorId)))
        throw new DeskError('not-found', `no account with id ${operatorId}`);
      if (Object.keys(changes).length === 0) throw new DeskError('invalid', 'nothing to change');
      if (
        operatorId === operator.id &&
        (changes.disabled === true || (changes.role !== undefined && changes.role !== 'admin'))
      )
        throw new DeskError('invalid', 'an admin cannot demote or disable their own account');
      await core.commit([
        {
          type: 'operator.update',
          v: 1,
          actor: operator.id,
          subject: operatorId,
          payload: { operatorId, ...changes },
        },
      ]);
      const row = await operatorById(core.db, operatorId);
      if (!row) throw new DeskError('internal', 'the account is gone');
      return { operator: toOperator(row) };
    },
  }),
  'operator.resetPassword': handler({
    input: ResetPasswordSchema,
    permission: 'operator.manage',
    run: async ({ core, operator }, { operatorId, password, mustChange }) => {
      try {
        await resetPassword(core, operator.id, operatorId, password, mustChange);
      } catch (err) {
        if (err instanceof NoSuchAccountError) throw new DeskError('not-found', err.message);
        throw err;
      }
      const row = await operatorById(core.db, operatorId);
      if (!row) throw new DeskError('internal', 'the account is gone');
      return { operator: toOperator(row) };
    },
  }),
  'room.renewRecoveryCode': handler({
    input: NoInput,
    permission: 'operator.manage',
    run: async ({ core, operator }) => ({
      recoveryCode: await renewRecoveryCode(core, operator.id),
    }),
  }),
};
