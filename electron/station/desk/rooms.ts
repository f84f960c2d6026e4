import { DeskRoomKeySchema } from '../../../shared/contract/rooms';
import { BackupRefused } from '../backup/backup-refused';
import { deskRoomsOf, DeskRoomsRefused, type DeskRoomsAccess } from '../rooms/desk-rooms-access';
import { DeskError, NoInput, handler, type DeskContext, type DeskHandlerMap } from './handler';

/**
 * The desk's rooms: only for a desk on this machine (a LAN browser of one room must not learn of
 * the desk's other rooms), and only where the station runs on a desk holding several rooms.
 */
function deskRooms(ctx: DeskContext): DeskRoomsAccess {
  if (!ctx.onThisMachine)
    throw new DeskError('forbidden', "only this machine's own desk can see and switch its rooms");
  const access = deskRoomsOf(ctx.core);
  if (!access)
    throw new DeskError(
      'conflict',
      'this station runs one room (started with --data); start it with --home to hold several',
    );
  return access;
}

async function refusals<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof DeskRoomsRefused || err instanceof BackupRefused)
      throw new DeskError('conflict', err.message);
    throw err;
  }
}

/** Handlers of the rooms domain. */
export const roomsHandlers: DeskHandlerMap<
  'rooms.list' | 'rooms.create' | 'rooms.use' | 'rooms.archive' | 'rooms.openArchive'
> = {
  'rooms.list': handler({
    input: NoInput,
    permission: 'mention.read',
    run: async (ctx) => ({ rooms: await deskRooms(ctx).list(ctx.core) }),
  }),
  'rooms.create': handler({
    input: NoInput,
    permission: 'mention.read',
    run: async (ctx) => ({ room: await refusals(() => deskRooms(ctx).create(ctx.core)) }),
  }),
  'rooms.use': handler({
    input: DeskRoomKeySchema,
    permission: 'mention.read',
    run: async (ctx, { key }) => refusals(() => deskRooms(ctx).use(key)),
  }),
  'rooms.archive': handler({
    input: NoInput,
    permission: 'operator.manage',
    run: async (ctx) => refusals(() => deskRooms(ctx).archive(ctx.core, ctx.operator.displayName)),
  }),
  'rooms.openArchive': handler({
    input: DeskRoomKeySchema,
    permission: 'mention.read',
    run: async (ctx, { key }) => refusals(() => deskRooms(ctx).openArchive(key)),
  }),
};
