import { z } from 'zod';
import { DepartmentSchema } from './people';

/** Channels a mention can come in on; every one is first-class (phone and fax included). */
export const CHANNELS = [
  'twitter',
  'facebook',
  'instagram',
  'tiktok',
  'youtube',
  'reddit',
  'web',
  'rss',
  'email',
  'phone',
  'sms',
  'fax',
  'in-person',
  'other',
] as const;
/** A channel. */
export type Channel = (typeof CHANNELS)[number];
/** zod schema for a channel. */
export const ChannelSchema = z.enum(CHANNELS);

/** Sticky status (DECISIONS.md 8): only moves forward; reopening is its own op. */
export const MENTION_STATUSES = ['open', 'answered', 'closed', 'ignored'] as const;
/** A mention's status. */
export type MentionStatus = (typeof MENTION_STATUSES)[number];
/** zod schema for a status. */
export const MentionStatusSchema = z.enum(MENTION_STATUSES);

/** Sentiment labels stored with every mention. */
export const SENTIMENT_LABELS = ['negative', 'neutral', 'positive'] as const;
/** A sentiment label. */
export type SentimentLabel = (typeof SENTIMENT_LABELS)[number];

/** Longest mention text we accept (a long email body fits; a 10 MB field does not). */
export const MAX_TEXT_CHARS = 100_000;

/** Who wrote a mention, as the source knows them. */
// Keys in alphabetical order here and in MentionInputSchema: zod returns keys in schema order,
// so parsed inputs are already in canonical (RFC 8785) key order and hash without re-sorting.
export const AuthorSchema = z.object({
  email: z.string().max(320).optional(),
  handle: z.string().trim().min(1).max(256),
  name: z.string().max(256).optional(),
  phone: z.string().max(64).optional(),
});
/** An author. */
export type Author = z.infer<typeof AuthorSchema>;

/** Free metadata kept with a mention (source labels, coordinates…): flat and small. */
export const MetadataSchema = z.record(
  z.string().max(64),
  z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]),
);

/** One mention as a connector hands it in, before enrichment. */
export const MentionInputSchema = z.object({
  author: AuthorSchema,
  brand: z.string().max(128).optional(),
  channel: ChannelSchema,
  department: DepartmentSchema.optional(),
  externalId: z.string().trim().min(1).max(256),
  location: z.string().max(256).optional(),
  metadata: MetadataSchema.default({}),
  /** When it happened at the source, ISO 8601 with offset. */
  occurredAt: z.iso.datetime({ offset: true }),
  text: z.string().min(1).max(MAX_TEXT_CHARS),
  url: z.string().max(2048).optional(),
});
/** A validated mention input. */
export type MentionInput = z.infer<typeof MentionInputSchema>;

/** What enrichment adds, computed once at ingest and stored in the op. */
export type Enrichment = {
  /** ISO 639-1 code, or 'und' when undetermined. */
  language: string;
  sentiment: { score: number; label: SentimentLabel };
};

/** Who holds a mention right now (claim state, kept apart from status). */
export type ClaimState = {
  operatorId: string;
  operatorName: string;
  at: string;
  expiresAt: string;
};

/** A mention as the queue shows it. */
export type Mention = {
  id: string;
  channel: Channel;
  externalId: string;
  author: Author;
  text: string;
  occurredAt: string;
  recordedAt: string;
  brand: string | null;
  location: string | null;
  url: string | null;
  department: string | null;
  language: string;
  sentimentScore: number;
  sentimentLabel: SentimentLabel;
  priority: number;
  status: MentionStatus;
  statusBy: string | null;
  statusAt: string | null;
  claim: ClaimState | null;
  duplicates: number;
  /** Answers sent to this mention (2 or more: answered twice, flagged in the queue). */
  answers: number;
  metadata: Record<string, string | number | boolean | null>;
  /** First-response clock (shared/routing/sla.ts): due and warning times, epoch ms; the breach. */
  sla?: { due: number; warnAt: number; breachedAt: string | null } | null;
};
