import { z } from 'zod';
import {
  ApprovalAreaSchema,
  ApprovalPolicySchema,
  MESSAGE_KINDS,
} from '../../../shared/messaging/policy';
import { REVIEW_DECISIONS, SEND_ROUTES } from '../../../shared/messaging/message-state';
import { SeveritySchema } from '../../../shared/playbooks/severity';
import { RecipientSchema } from '../../../shared/messaging/wave';

/** Longest message text: a long email reply or a full statement, not a document. */
export const MAX_MESSAGE_CHARS = 10_000;

const Id = z.string().min(1).max(64);
const Hash = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in hex');
const Text = z.string().min(1).max(MAX_MESSAGE_CHARS);
const Word = z.string().trim().toLowerCase().min(1).max(100);

/**
 * message.draft v1: a version of a reply or statement (subject: the message id). The first one
 * fixes what the message is (kind, mention, library place); each later one is a new version if
 * its text differs. contentHash is the SHA-256 of the text's UTF-8 bytes: approvals bind to it.
 */
export const MessageDraftV1 = z.object({
  messageId: Id,
  kind: z.enum(MESSAGE_KINDS),
  mentionId: Id.optional(),
  library: z.object({ scenario: Word, language: z.string().min(2).max(8) }).optional(),
  language: z.string().min(2).max(8),
  channel: Word,
  topics: z.array(Word).max(20),
  severity: SeveritySchema.optional(),
  runId: Id.optional(),
  text: Text,
  contentHash: Hash,
  templateId: z.string().min(1).max(100).optional(),
  submit: z.boolean(),
});

/** message.draft v2: a wave answer (shared/messaging/wave.ts): v1's fields and `wave: true`. */
export const MessageDraftV2 = MessageDraftV1.extend({ wave: z.literal(true) });

/** message.review v1: approve, reject or ask for changes to one exact text, for one area. */
export const MessageReviewV1 = z.object({
  decision: z.enum(REVIEW_DECISIONS),
  area: ApprovalAreaSchema,
  contentHash: Hash,
  comment: z.string().trim().max(2000).optional(),
});

/** message.send v1: the publication — the exact words, where, to whom and how they left. */
export const MessageSendV1 = z.object({
  contentHash: Hash,
  text: Text,
  channel: Word,
  target: z.union([
    z.object({ mentionId: Id }).strict(),
    z.object({ audience: z.string().trim().min(1).max(200) }).strict(),
  ]),
  via: z.array(z.enum(SEND_ROUTES)).min(1).max(SEND_ROUTES.length),
});

/**
 * message.send v2: one send of a wave answer — to one mention, with the values its words were
 * personalised with (every station checks the words are the approved text so filled).
 */
export const MessageSendV2 = MessageSendV1.extend({
  target: z.object({ mentionId: Id }).strict(),
  recipient: RecipientSchema,
});

/** message.retire v1: a library statement goes out of use; its history stays. */
export const MessageRetireV1 = z.object({ reason: z.string().trim().max(500).optional() });

/** policy.set v1: the room's approval policy from now on (subject 'policy'; latest HLC wins). */
export const PolicySetV1 = z.object({ policy: ApprovalPolicySchema });

/** Payload schemas of messaging ops, by type and version (merged into PAYLOADS). */
export const MESSAGE_PAYLOADS: Record<string, Record<number, z.ZodType>> = {
  'message.draft': { 1: MessageDraftV1, 2: MessageDraftV2 },
  'message.review': { 1: MessageReviewV1 },
  'message.send': { 1: MessageSendV1, 2: MessageSendV2 },
  'message.retire': { 1: MessageRetireV1 },
  'policy.set': { 1: PolicySetV1 },
};

/** The subject of policy.set ops. */
export const POLICY_SUBJECT = 'policy';
