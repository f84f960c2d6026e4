import { z } from 'zod';
import type { Ack } from './common';
import { IdSchema } from './common';
import type { Mention } from '../domain/mention';
import { IdentifierSchema, type Identifier, type IdentifierKind } from '../contacts/identifiers';
import { MERGE_SIGNALS, type MergeSignal } from '../contacts/contact-ops';

/** contact.get: the customer behind a mention, with a page of their mentions (newest first). */
export const ContactGetSchema = z
  .object({
    mentionId: IdSchema,
    offset: z.number().int().min(0).max(1_000_000).default(0),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .strict();

/** contact.suggestions: customers that may be this mention's customer too. */
export const ContactSuggestionsSchema = z.object({ mentionId: IdSchema }).strict();

const Pair = z.object({ a: IdentifierSchema, b: IdentifierSchema });
const distinct = (p: { a: string; b: string }) => p.a !== p.b;
const SAME = { message: 'a customer is already one with themselves', path: ['b'] };

/** contact.merge: the customers of two identifiers are one (either order). */
export const ContactMergeSchema = Pair.extend({
  signal: z.enum(MERGE_SIGNALS).default('operator'),
  evidence: z.array(IdSchema).max(4).default([]),
})
  .strict()
  .refine(distinct, SAME);

/** contact.unmerge: undo the merge between two identifiers (either order). */
export const ContactUnmergeSchema = Pair.strict().refine(distinct, SAME);

/** contact.dismiss: a suggested merge is not the same customer. */
export const ContactDismissSchema = Pair.extend({ signal: z.enum(MERGE_SIGNALS) })
  .strict()
  .refine(distinct, SAME);

/** One identifier of a customer, ready to show. */
export type ContactIdentifier = {
  id: Identifier;
  kind: IdentifierKind;
  /** The platform of a handle (or the channel of a lone mention). */
  channel: string | null;
  value: string;
};

/** A decision about two identifiers: merged, dismissed or unmerged, by whom and when. */
export type ContactLinkView = {
  a: Identifier;
  b: Identifier;
  state: 'merged' | 'dismissed' | 'unmerged';
  signal: MergeSignal;
  /** Who made the decision in force, and when (ISO). */
  byName: string;
  at: string;
  /** Merged only: the merge an unmerge names, and who made it (they may undo it). */
  mergeOp: string | null;
  mergedBy: string | null;
};

/** A customer in brief: what a suggestion shows of the other one. */
export type ContactSummary = {
  /** The customer's least identifier: the same on every station holding the same ops. */
  id: Identifier;
  name: string | null;
  location: string | null;
  identifiers: ContactIdentifier[];
  /** Mentions by channel; their sum is the customer's whole history. */
  byChannel: Record<string, number>;
  total: number;
  /** The customer was too large to read whole (identifiers or mentions past the caps). */
  truncated: boolean;
};

/** A customer with a page of their mentions across channels and the decisions about them. */
export type ContactView = ContactSummary & {
  mentions: Mention[];
  offset: number;
  limit: number;
  links: ContactLinkView[];
};

/** A customer that may be the same person, why, and the pair to confirm or dismiss. */
export type ContactSuggestion = {
  a: Identifier;
  b: Identifier;
  signal: Exclude<MergeSignal, 'operator'>;
  /** This customer's mention and the other's that show it. */
  ours: Mention;
  theirs: Mention;
  other: ContactSummary;
};

/** The customers domain of the /desk contract. */
export type ContactsCommands = {
  'contact.get': (
    input: z.input<typeof ContactGetSchema>,
    ack: Ack<{ contact: ContactView }>,
  ) => void;
  'contact.suggestions': (
    input: z.input<typeof ContactSuggestionsSchema>,
    ack: Ack<{ suggestions: ContactSuggestion[] }>,
  ) => void;
  'contact.merge': (
    input: z.input<typeof ContactMergeSchema>,
    ack: Ack<{ link: ContactLinkView }>,
  ) => void;
  'contact.unmerge': (
    input: z.input<typeof ContactUnmergeSchema>,
    /** stillOne: the two are still one customer through other links (a shared email…). */
    ack: Ack<{ link: ContactLinkView; stillOne: boolean }>,
  ) => void;
  'contact.dismiss': (
    input: z.input<typeof ContactDismissSchema>,
    ack: Ack<{ link: ContactLinkView }>,
  ) => void;
};

/** Events of the customers domain. */
export type ContactsEvents = {
  /** Links between these identifiers changed (here or at a peer): refetch a customer holding one. */
  'contact.changed': (info: { identifiers: Identifier[] }) => void;
};
