import { CreateOperatorSchema } from '../../../shared/contract/room';
import { getRoom, listOperators, operatorById, toOperator } from '../db/queries/people';
import { UsernameTakenError, createOperator } from '../room/war-room';
import { DeskError, NoInput, handler, type DeskHandlerMap } from './handler';

/** Handlers of the room and people domain. */
export const roomHandlers: DeskHandlerMap<'room.get' | 'operator.list' | 'operator.create'> = {
  'room.get': handler({
    input: NoInput,
    permission: 'mention.read',
    run: async ({ core, operator }) => {
      const room = await getRoom(core.read);
      if (!room) throw new DeskError('not-found', 'no war room yet');
      return { warRoomId: room.id, warRoom: room.name, stationId: core.stationId, me: operator };
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
};
