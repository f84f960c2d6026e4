import {
  ContactDismissSchema,
  ContactGetSchema,
  ContactMergeSchema,
  ContactSuggestionsSchema,
  ContactUnmergeSchema,
} from '../../../shared/contract/contacts';
import { dismissSuggestion, mergeContacts, unmergeContacts } from '../contacts/contact-commands';
import { readContact, suggestionsFor } from '../contacts/contact-reader';
import { DeskError, handler, type DeskContext, type DeskHandlerMap } from './handler';

type ContactCommand =
  'contact.get' | 'contact.suggestions' | 'contact.merge' | 'contact.unmerge' | 'contact.dismiss';

const who = (ctx: DeskContext) => ({ id: ctx.operator.id, role: ctx.operator.role });

/**
 * One customer across channels: anyone who reads the queue sees a mention's customer, their
 * whole history and the suggested merges; anyone who works it confirms or dismisses them; a merge
 * is undone by its author, a lead or an admin (the reducer judges it again on every station).
 */
export const contactHandlers: DeskHandlerMap<ContactCommand> = {
  'contact.get': handler({
    input: ContactGetSchema,
    permission: 'mention.read',
    run: async ({ core }, { mentionId, offset, limit }) => {
      const contact = await readContact(core.read, mentionId, offset, limit);
      if (!contact) throw new DeskError('not-found', `no mention with id ${mentionId}`);
      return { contact };
    },
  }),
  'contact.suggestions': handler({
    input: ContactSuggestionsSchema,
    permission: 'mention.read',
    run: async ({ core }, { mentionId }) => {
      const suggestions = await suggestionsFor(core.read, mentionId);
      if (!suggestions) throw new DeskError('not-found', `no mention with id ${mentionId}`);
      return { suggestions };
    },
  }),
  'contact.merge': handler({
    input: ContactMergeSchema,
    permission: 'contact.merge',
    run: async (ctx, input) => ({ link: await mergeContacts(ctx.core, who(ctx), input) }),
  }),
  'contact.unmerge': handler({
    input: ContactUnmergeSchema,
    permission: 'contact.merge',
    run: (ctx, input) => unmergeContacts(ctx.core, who(ctx), input),
  }),
  'contact.dismiss': handler({
    input: ContactDismissSchema,
    permission: 'contact.merge',
    run: async (ctx, input) => ({ link: await dismissSuggestion(ctx.core, who(ctx), input) }),
  }),
};
