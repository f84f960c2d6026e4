import { PresenceSetSchema } from '../../../shared/contract/presence';
import { presenceBoardOf } from '../presence/presence-board';
import { handler, type DeskHandlerMap } from './handler';

/** Handlers of the presence domain. */
export const presenceHandlers: DeskHandlerMap<'presence.set'> = {
  'presence.set': handler({
    input: PresenceSetSchema,
    permission: 'mention.read',
    run: async ({ core, operator, connectionId }, input) => {
      presenceBoardOf(core).setLocal(
        connectionId,
        input.mentionId === null
          ? null
          : {
              operatorId: operator.id,
              operatorName: operator.displayName,
              mentionId: input.mentionId,
              mode: input.mode,
            },
      );
      return {};
    },
  }),
};
