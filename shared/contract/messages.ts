import { z } from 'zod';
import {
  REVIEW_DECISIONS,
  SEND_ROUTES,
  type MessageStatus,
  type ReviewDecision,
  type SendRoute,
} from '../messaging/message-state';
import {
  ApprovalAreaSchema,
  ApprovalPolicySchema,
  MESSAGE_KINDS,
  type ApprovalArea,
  type ApprovalPolicy,
  type MessageKind,
} from '../messaging/policy';
import { SeveritySchema, type Severity } from '../playbooks/severity';
import type { VoiceFinding } from '../messaging/voice/voice-finding';
import type { Ack } from './common';
import type { Recipient } from '../messaging/wave';

/** Longest message a desk may save (the station's op schema says the same). */
export const MESSAGE_MAX_CHARS = 10_000;

/** Who did something and when, as the UI shows it. */
export type Byline = { id: string; name: string; at: string };

/** A message (reply or statement) as desks see it. */
export type MessageView = {
  id: string;
  kind: MessageKind;
  mentionId: string | null;
  library: { scenario: string; language: string } | null;
  status: MessageStatus;
  version: number;
  text: string;
  contentHash: string;
  language: string;
  channel: string;
  topics: string[];
  severity: Severity | null;
  runId: string | null;
  templateId: string | null;
  created: Byline;
  versionBy: Byline;
  /** Areas the policy asks for, and the rules that ask. */
  required: ApprovalArea[];
  requiredBy: string[];
  reviews: (Byline & { area: ApprovalArea; decision: ReviewDecision; comment: string | null })[];
  approvedAreas: ApprovalArea[];
  approvedAt: string | null;
  sends: (Byline & {
    channel: string;
    via: SendRoute[];
    target: string;
    /** A wave answer's send: whom its words were personalised for. */
    recipient: Recipient | null;
  })[];
  retired: Byline | null;
  /** A wave answer: one approved text sent to many near-duplicate mentions, personalised. */
  wave: boolean;
};

/** One op of a message's history: drafted, reviewed, sent, retired — refused ones too. */
export type MessageHistoryEntry = Byline & {
  opId: string;
  type: 'message.draft' | 'message.review' | 'message.send' | 'message.retire';
  effect: 'applied' | 'refused' | 'collision' | 'pending';
  reason: string | null;
  text: string | null;
  contentHash: string | null;
  decision: ReviewDecision | null;
  area: ApprovalArea | null;
  comment: string | null;
  channel: string | null;
  /** For a draft: whether it asked for approval (submitted) or was only saved. */
  submit: boolean | null;
};

const Id = z.string().min(1).max(64);
const Word = z.string().trim().toLowerCase().min(1).max(100);

/** message.save: a new message, or a new version of one (submit: ask for its approvals). */
export const SaveMessageSchema = z
  .object({
    messageId: Id.optional(),
    kind: z.enum(MESSAGE_KINDS),
    mentionId: Id.optional(),
    library: z
      .object({ scenario: Word, language: z.string().min(2).max(8) })
      .strict()
      .optional(),
    language: z.string().min(2).max(8),
    channel: Word,
    topics: z.array(Word).max(20).default([]),
    severity: SeveritySchema.optional(),
    runId: Id.optional(),
    text: z.string().trim().min(1, 'write something first').max(MESSAGE_MAX_CHARS),
    templateId: z.string().min(1).max(100).optional(),
    submit: z.boolean().default(false),
    /** A wave answer: the text keeps {{author}} and goes to many near-duplicates (waves.ts). */
    wave: z.literal(true).optional(),
  })
  .strict();

/** message.review: approve, reject or ask for changes, for one area, of the text one saw. */
export const ReviewMessageSchema = z
  .object({
    messageId: Id,
    decision: z.enum(REVIEW_DECISIONS),
    area: ApprovalAreaSchema,
    contentHash: z.string().regex(/^[0-9a-f]{64}$/),
    comment: z.string().trim().max(2000).optional(),
  })
  .strict();

/** message.send: records the publication of the text one saw, and how it leaves. */
export const SendMessageSchema = z
  .object({
    messageId: Id,
    contentHash: z.string().regex(/^[0-9a-f]{64}$/),
    via: z.array(z.enum(SEND_ROUTES)).min(1).max(SEND_ROUTES.length),
    /** For a statement: who it goes to ("public", "press", "customers"…). */
    audience: z.string().trim().min(1).max(200).optional(),
  })
  .strict();

/** message.list: which messages. */
export const ListMessagesSchema = z
  .object({
    scope: z.enum(['approvals', 'mine', 'mention', 'library', 'recent']),
    mentionId: Id.optional(),
  })
  .strict();

/** Commands of the messaging domain. */
export type MessagesCommands = {
  'message.save': (
    input: z.input<typeof SaveMessageSchema>,
    ack: Ack<{ message: MessageView }>,
  ) => void;
  'message.review': (
    input: z.input<typeof ReviewMessageSchema>,
    ack: Ack<{ message: MessageView }>,
  ) => void;
  'message.send': (
    input: z.input<typeof SendMessageSchema>,
    ack: Ack<{ message: MessageView }>,
  ) => void;
  'message.retire': (
    input: { messageId: string; reason?: string },
    ack: Ack<{ message: MessageView }>,
  ) => void;
  'message.list': (
    input: z.input<typeof ListMessagesSchema>,
    ack: Ack<{ messages: MessageView[] }>,
  ) => void;
  'message.get': (
    input: { messageId: string },
    ack: Ack<{ message: MessageView; history: MessageHistoryEntry[]; findings: VoiceFinding[] }>,
  ) => void;
  'policy.get': (
    input: Record<string, never>,
    ack: Ack<{ policy: ApprovalPolicy; source: 'default' | 'room' }>,
  ) => void;
  'policy.set': (
    input: { policy: z.input<typeof ApprovalPolicySchema> },
    ack: Ack<{ policy: ApprovalPolicy; source: 'default' | 'room' }>,
  ) => void;
  'message.check': (input: z.input<typeof CheckMessageSchema>, ack: Ack<MessageCheck>) => void;
  'template.list': (
    input: { language?: string },
    ack: Ack<{ templates: MessageTemplate[] }>,
  ) => void;
  'webhook.get': (input: Record<string, never>, ack: Ack<{ webhook: WebhookView }>) => void;
  'webhook.set': (
    input: z.input<typeof SetWebhookSchema>,
    ack: Ack<{ webhook: WebhookView }>,
  ) => void;
};

/** message.check: the voice checks and the approvals a text would need, as it is typed. */
export const CheckMessageSchema = z
  .object({
    kind: z.enum(MESSAGE_KINDS),
    text: z.string().max(MESSAGE_MAX_CHARS),
    language: z.string().min(2).max(8),
    channel: Word,
    topics: z.array(Word).max(20).default([]),
    severity: SeveritySchema.optional(),
  })
  .strict();

/** What message.check answers. */
export type MessageCheck = {
  /** Voice findings: blocking ones stop approval. */
  findings: VoiceFinding[];
  /** Approval areas the room's policy asks for, and the rules that ask. */
  required: ApprovalArea[];
  requiredBy: string[];
};

/**
 * A starting text: a bundled template or an approved library statement. Variables are written
 * {{name}}: author (the mention's author), case (its case number), eta (typed in).
 */
export type MessageTemplate = {
  id: string;
  name: string;
  kind: MessageKind;
  language: string;
  text: string;
  variables: string[];
  source: 'bundled' | 'library';
  /** For a library statement: its scenario. */
  scenario: string | null;
};

/** webhook.set: where sends marked "webhook" are POSTed (url '' turns it off), and the signing secret. */
export const SetWebhookSchema = z
  .object({
    url: z.union([z.literal(''), z.url({ protocol: /^https?$/ }).max(2000)]),
    secret: z.string().min(16, 'use a secret of at least 16 characters').max(200).nullable(),
  })
  .strict();

/** A station's webhook as admins see it (the secret only as set or not). */
export type WebhookView = { url: string | null; signed: boolean };

/** Events of the messaging domain. */
export type MessagesEvents = {
  /** Messages whose state changed (here or at a peer). */
  'message.changed': (messages: MessageView[]) => void;
};
