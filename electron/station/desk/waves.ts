import { FindWaveSchema, SendWaveSchema } from '../../../shared/contract/waves';
import { findWave, sendWave } from '../messages/wave-service';
import { handler, type DeskHandlerMap } from './handler';
import { refuseBlockedWords } from './messages';

/** Wave answers: find the near-duplicates of a mention, answer them with one approved text. */
export const waveHandlers: DeskHandlerMap<'wave.find' | 'wave.send'> = {
  'wave.find': handler({
    input: FindWaveSchema,
    permission: 'mention.read',
    run: async ({ core, operator }, { mentionId }) => ({
      wave: await findWave(core, mentionId, operator.id),
    }),
  }),
  'wave.send': handler({
    input: SendWaveSchema,
    permission: 'message.send',
    run: async ({ core, operator }, input) => {
      await refuseBlockedWords(core, input.messageId, 'sending');
      return sendWave(core, operator.id, input);
    },
  }),
};
