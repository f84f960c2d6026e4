import { z } from 'zod';
import type { ReviewReport } from '../analytics/review-report';
import type { Mention } from '../domain/mention';
import {
  MAX_ITEM_CHARS,
  MAX_SECTION_CHARS,
  RETRO_SECTIONS,
  RETRO_STATUSES,
  SavedScopeSchema,
  type Retrospective,
  type RetroStatus,
  type SavedScope,
} from '../review/retrospective';
import type { Ack } from './common';
import type { RunSummary } from './runs';

const When = z.iso.datetime({ offset: true });
const Words = z.array(z.string().trim().min(1).max(120)).max(50).optional();
/** The longest window a review covers at once. */
export const MAX_REVIEW_DAYS = 31;

/** review.get: the KPIs and timeline of a time window, narrowed by brands, channels, departments. */
export const ReviewRequestSchema = z
  .object({
    /** A playbook run: the window is the run's, from its start to its close (or now). */
    runId: z.string().min(1).max(64).optional(),
    from: When.optional(),
    to: When.optional(),
    brands: Words,
    topics: Words,
    channels: Words,
    departments: Words,
    /** Chart intervals (minutes). */
    intervalMinutes: z.number().int().min(1).max(1_440).default(60),
    /** The first-response target the share is measured against (minutes). */
    targetMinutes: z.number().int().min(1).max(10_080).default(15),
  })
  .strict()
  .refine((r) => r.runId !== undefined || (r.from !== undefined && r.to !== undefined), {
    message: 'say which run, or from when to when',
    path: ['from'],
  })
  .refine((r) => !r.from || !r.to || Date.parse(r.to) > Date.parse(r.from), {
    message: 'the review must end after it starts',
    path: ['to'],
  })
  .refine(
    (r) =>
      !r.from || !r.to || Date.parse(r.to) - Date.parse(r.from) <= MAX_REVIEW_DAYS * 86_400_000,
    { message: `a review covers at most ${MAX_REVIEW_DAYS} days`, path: ['to'] },
  );

const ReviewId = z.string().min(1).max(64);

/** review.open: opens a new review of a scope (or renames / re-scopes `reviewId`). */
export const OpenReviewSchema = z
  .object({
    reviewId: ReviewId.optional(),
    title: z.string().trim().min(1).max(200),
    scope: SavedScopeSchema,
  })
  .strict();
/** review.section: a retrospective section's whole new text. */
export const ReviewSectionSchema = z
  .object({
    reviewId: ReviewId,
    section: z.enum(RETRO_SECTIONS),
    text: z.string().max(MAX_SECTION_CHARS),
  })
  .strict();
/** review.action: adds (no actionId) or changes an action item. */
export const ReviewActionSchema = z
  .object({
    reviewId: ReviewId,
    actionId: z.string().min(1).max(64).optional(),
    text: z.string().trim().min(1).max(MAX_ITEM_CHARS),
    owner: z.string().trim().max(120).nullable().default(null),
    due: z.iso.date().nullable().default(null),
    done: z.boolean().default(false),
    removed: z.boolean().default(false),
  })
  .strict();
/** review.status: draft → in-review → closed (and back, for leads and admins). */
export const ReviewStatusSchema = z
  .object({ reviewId: ReviewId, status: z.enum(RETRO_STATUSES) })
  .strict();
/** review.annotate: a note on a timeline event (no annotationId: a new one; empty text removes). */
export const ReviewAnnotateSchema = z
  .object({
    reviewId: ReviewId,
    annotationId: z.string().min(1).max(64).optional(),
    eventId: z.string().min(1).max(64),
    text: z.string().trim().max(MAX_ITEM_CHARS),
  })
  .strict();
/** review.pin: pins a key mention to the review (or unpins it). */
export const ReviewPinSchema = z
  .object({
    reviewId: ReviewId,
    mentionId: z.string().min(1).max(128),
    pinned: z.boolean(),
    note: z.string().trim().max(MAX_ITEM_CHARS).nullable().default(null),
  })
  .strict();

/** A review as the history of past incidents lists it. */
export type ReviewSummary = {
  id: string;
  title: string;
  status: RetroStatus;
  scope: SavedScope;
  openedBy: string;
  openedAt: string;
  updatedAt: string;
  /** Action items not done yet. */
  openActions: number;
};

/** A retrospective with its pinned mentions as they are now (null: not held at this desk). */
export type ReviewDocument = {
  retro: Retrospective;
  pinned: { mentionId: string; mention: Mention | null }[];
};

/** Commands of reviews. */
export type ReviewsCommands = {
  'review.get': (
    input: z.input<typeof ReviewRequestSchema>,
    ack: Ack<{ review: ReviewReport }>,
  ) => void;
  /** Reviews opened in this room, newest first, and closed playbook runs (past incidents). */
  'review.list': (
    input: Record<string, never>,
    ack: Ack<{ reviews: ReviewSummary[]; closedRuns: RunSummary[] }>,
  ) => void;
  'review.open': (input: z.input<typeof OpenReviewSchema>, ack: Ack<ReviewDocument>) => void;
  /** One review's retrospective. */
  'review.retro': (input: { reviewId: string }, ack: Ack<ReviewDocument>) => void;
  'review.section': (input: z.input<typeof ReviewSectionSchema>, ack: Ack<ReviewDocument>) => void;
  'review.action': (input: z.input<typeof ReviewActionSchema>, ack: Ack<ReviewDocument>) => void;
  'review.status': (input: z.input<typeof ReviewStatusSchema>, ack: Ack<ReviewDocument>) => void;
  'review.annotate': (
    input: z.input<typeof ReviewAnnotateSchema>,
    ack: Ack<ReviewDocument>,
  ) => void;
  'review.pin': (input: z.input<typeof ReviewPinSchema>, ack: Ack<ReviewDocument>) => void;
};

/** Events of reviews. */
export type ReviewsEvents = {
  /** A review's retrospective changed (here or on another station). */
  'review.changed': (change: { reviewId: string }) => void;
};
