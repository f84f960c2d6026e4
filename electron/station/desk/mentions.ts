import {
  ClaimMentionSchema,
  CreateMentionSchema,
  MentionQuerySchema,
  MentionRefSchema,
  MentionWindowSchema,
} from '../../../shared/contract/mentions';
import {
  mentionById,
  mentionHistory,
  mentionWindow,
  mentionsByAuthor,
} from '../db/queries/mention-reads';
import {
  actOnMention,
  claimMention,
  createManualMention,
  type MentionAction,
} from '../mentions/commands';
import { DeskError, handler, type DeskHandlerMap } from './handler';

function action(type: MentionAction) {
  return handler({
    input: MentionRefSchema,
    permission: 'mention.work',
    run: async ({ core, operator }, { mentionId }) => ({
      mention: await actOnMention(core, operator.id, mentionId, type),
    }),
  });
}

/** Handlers of the mentions domain. */
export const mentionHandlers: DeskHandlerMap<
  | 'mention.window'
  | 'mention.facets'
  | 'mention.get'
  | 'mention.claim'
  | 'mention.release'
  | 'mention.answer'
  | 'mention.close'
  | 'mention.ignore'
  | 'mention.reopen'
  | 'mention.create'
> = {
  'mention.window': handler({
    input: MentionWindowSchema,
    permission: 'mention.read',
    run: ({ core }, { query, offset, limit }) => mentionWindow(core.read, query, offset, limit),
  }),
  'mention.facets': handler({
    input: MentionQuerySchema,
    permission: 'mention.read',
    run: async ({ facets }, query) => ({ facets: await facets.get(query) }),
  }),
  'mention.get': handler({
    input: MentionRefSchema,
    permission: 'mention.read',
    run: async ({ core }, { mentionId }) => {
      const mention = await mentionById(core.read, mentionId);
      if (!mention) throw new DeskError('not-found', `no mention with id ${mentionId}`);
      return {
        mention,
        history: await mentionHistory(core.read, mentionId),
        authorMentions: await mentionsByAuthor(core.read, mention.author.handle, mentionId),
      };
    },
  }),
  'mention.claim': handler({
    input: ClaimMentionSchema,
    permission: 'mention.work',
    run: ({ core, operator }, { mentionId, basis }) =>
      claimMention(core, operator.id, mentionId, basis),
  }),
  'mention.release': action('mention.release'),
  'mention.answer': action('mention.answer'),
  'mention.close': action('mention.close'),
  'mention.ignore': action('mention.ignore'),
  'mention.reopen': action('mention.reopen'),
  'mention.create': handler({
    input: CreateMentionSchema,
    permission: 'mention.create',
    run: async ({ core, operator }, input) => ({
      mention: await createManualMention(core, operator.id, input),
    }),
  }),
};
