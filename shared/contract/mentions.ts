import { z } from 'zod';
import type { Ack } from './common';
import { IdSchema } from './common';
import {
  ChannelSchema,
  MentionStatusSchema,
  AuthorSchema,
  MAX_TEXT_CHARS,
  SENTIMENT_LABELS,
  type Mention,
} from '../domain/mention';
import { DepartmentSchema } from '../domain/people';

/** Filters of the queue; empty arrays mean "any". */
export const MentionQuerySchema = z.object({
  channels: z.array(ChannelSchema).max(32).default([]),
  statuses: z.array(MentionStatusSchema).max(8).default([]),
  sentiments: z.array(z.enum(SENTIMENT_LABELS)).max(3).default([]),
  languages: z.array(z.string().max(8)).max(32).default([]),
  brands: z.array(z.string().max(128)).max(64).default([]),
  departments: z.array(z.string().max(64)).max(16).default([]),
  claimedBy: z.string().max(128).optional(),
  authorHandle: z.string().max(256).optional(),
  search: z.string().max(500).default(''),
  /** due: open mentions by first-response due time, soonest (or most overdue) first. */
  sort: z.enum(['newest', 'oldest', 'priority', 'due']).default('newest'),
});
/** A queue query. */
export type MentionQuery = z.infer<typeof MentionQuerySchema>;

/** A page of the queue: the window the list is showing. */
export const MentionWindowSchema = z.object({
  query: MentionQuerySchema,
  offset: z.number().int().min(0).max(100_000_000),
  limit: z.number().int().min(1).max(500),
});

/** A mention id. */
export const MentionRefSchema = z.object({ mentionId: IdSchema });

/** A claim names the claim state it saw (its basis: DECISIONS.md 9). */
export const ClaimMentionSchema = z.object({
  mentionId: IdSchema,
  basis: z.string().max(128).nullable().default(null),
});

/** A mention typed in by an operator (phone call, email, fax, walk-in). */
export const CreateMentionSchema = z.object({
  channel: ChannelSchema,
  author: AuthorSchema,
  text: z.string().trim().min(1).max(MAX_TEXT_CHARS),
  occurredAt: z.iso.datetime({ offset: true }).optional(),
  brand: z.string().max(128).optional(),
  department: DepartmentSchema.optional(),
  note: z.string().max(2000).optional(),
});

/** Counts behind the facet filters. */
export type Facets = {
  total: number;
  byStatus: Record<string, number>;
  byChannel: Record<string, number>;
  bySentiment: Record<string, number>;
  byLanguage: Record<string, number>;
  byBrand: Record<string, number>;
  byDepartment: Record<string, number>;
};

/** One entry of a mention's history (its ops, with who and when). */
export type MentionEvent = {
  opId: string;
  type: string;
  actorName: string;
  at: string;
  effect: 'applied' | 'refused' | 'collision';
  reason: string | null;
};

/** Detail of one mention: itself, its history and the author's other mentions. */
export type MentionDetail = {
  mention: Mention;
  history: MentionEvent[];
  authorMentions: Mention[];
};

/** A change pushed to every desk: the new row, or the id if it no longer exists. */
export type MentionDelta = { id: string; mention: Mention };

/** The mentions domain of the /desk contract. */
export type MentionsCommands = {
  'mention.window': (
    input: z.input<typeof MentionWindowSchema>,
    /** `capped`: more than `total` match (counting stops at 100,000). */
    ack: Ack<{ total: number; capped: boolean; rows: Mention[] }>,
  ) => void;
  'mention.facets': (
    input: z.input<typeof MentionQuerySchema>,
    ack: Ack<{ facets: Facets }>,
  ) => void;
  'mention.get': (input: z.input<typeof MentionRefSchema>, ack: Ack<MentionDetail>) => void;
  'mention.claim': (
    input: z.input<typeof ClaimMentionSchema>,
    ack: Ack<{ mention: Mention; won: boolean }>,
  ) => void;
  'mention.release': (
    input: z.input<typeof MentionRefSchema>,
    ack: Ack<{ mention: Mention }>,
  ) => void;
  'mention.answer': (
    input: z.input<typeof MentionRefSchema>,
    ack: Ack<{ mention: Mention }>,
  ) => void;
  'mention.close': (
    input: z.input<typeof MentionRefSchema>,
    ack: Ack<{ mention: Mention }>,
  ) => void;
  'mention.ignore': (
    input: z.input<typeof MentionRefSchema>,
    ack: Ack<{ mention: Mention }>,
  ) => void;
  'mention.reopen': (
    input: z.input<typeof MentionRefSchema>,
    ack: Ack<{ mention: Mention }>,
  ) => void;
  'mention.create': (
    input: z.input<typeof CreateMentionSchema>,
    ack: Ack<{ mention: Mention }>,
  ) => void;
};

/** Events of the mentions domain. */
export type MentionsEvents = {
  /** Rows that changed (claims, statuses): update them in place. */
  'mention.changed': (batch: MentionDelta[]) => void;
  /** New mentions landed: counts moved, refetch the window without moving the selection. */
  'mention.added': (info: { count: number; total: number }) => void;
};
