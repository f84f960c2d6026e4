import { CloseRoomSchema } from '../../../shared/contract/room';
import { ClosureRefused, closeRoom, reopenRoom } from '../rooms/room-closure';
import { DeskError, NoInput, handler, type DeskHandlerMap } from './handler';

/** Closing and reopening the room (admins). */
export const closureHandlers: DeskHandlerMap<'room.close' | 'room.reopen'> = {
  'room.close': handler({
    input: CloseRoomSchema,
    permission: 'operator.manage',
    run: async ({ core, operator }, { reason }) => {
      try {
        return { closed: await closeRoom(core, operator.id, reason) };
      } catch (err) {
        if (err instanceof ClosureRefused) throw new DeskError('conflict', err.message);
        throw err;
      }
    },
  }),
  'room.reopen': handler({
    input: NoInput,
    permission: 'operator.manage',
    run: async ({ core, operator }) => {
      try {
        return { closed: await reopenRoom(core, operator.id) };
      } catch (err) {
        if (err instanceof ClosureRefused) throw new DeskError('conflict', err.message);
        throw err;
      }
    },
  }),
};
