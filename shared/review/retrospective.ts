import { z } from 'zod';

/**
 * The retrospective of a review: the document incident teams write after the fact (summary,
 * impact, detection, response, recovery, what went well / badly / where we were lucky, action
 * items), with reviewers' annotations on timeline events and the key mentions pinned. Every change
 * is an op (subject: the review id), folded here the same way on every station.
 */

/** The document's sections, in the order it reads. */
export const RETRO_SECTIONS = [
  'summary',
  'impact',
  'detection',
  'response',
  'recovery',
  'wentWell',
  'wentBadly',
  'lucky',
] as const;
/** One section. */
export type RetroSection = (typeof RETRO_SECTIONS)[number];

/** Where a retrospective stands: written, read by the team, then closed (read-only). */
export const RETRO_STATUSES = ['draft', 'in-review', 'closed'] as const;
/** One status. */
export type RetroStatus = (typeof RETRO_STATUSES)[number];

/** The moves between statuses a lead or an admin may make (reopening a closed one included). */
export const RETRO_MOVES: Record<RetroStatus, readonly RetroStatus[]> = {
  draft: ['in-review'],
  'in-review': ['draft', 'closed'],
  closed: ['draft'],
};

/** The longest text of one section, action item or annotation. */
export const MAX_SECTION_CHARS = 20_000;
export const MAX_ITEM_CHARS = 2_000;

const Words = z.array(z.string().trim().min(1).max(120)).max(50);
const When = z.iso.datetime({ offset: true });
const Key = z.string().min(1).max(64);
const Day = z.iso.date();

/** What a review covers, as stored: a window and its filters, or a playbook run's span. */
export const SavedScopeSchema = z
  .object({
    from: When,
    to: When,
    brands: Words.optional(),
    topics: Words.optional(),
    channels: Words.optional(),
    departments: Words.optional(),
    /** The playbook run the review is about, if any. */
    runId: Key.optional(),
  })
  .strict()
  .refine((s) => Date.parse(s.to) > Date.parse(s.from), {
    message: 'the review must end after it starts',
    path: ['to'],
  });
/** A saved scope. */
export type SavedScope = z.infer<typeof SavedScopeSchema>;

/** retro.open v1: opens a review (or renames / re-scopes it); the latest HLC wins. */
export const RetroOpenV1 = z
  .object({ title: z.string().trim().min(1).max(200), scope: SavedScopeSchema })
  .strict();
/** retro.section v1: a section's whole text; the latest HLC per section wins. */
export const RetroSectionV1 = z
  .object({ section: z.enum(RETRO_SECTIONS), text: z.string().max(MAX_SECTION_CHARS) })
  .strict();
/** retro.action v1: an action item as it now stands; the latest HLC per item wins. */
export const RetroActionV1 = z
  .object({
    actionId: Key,
    text: z.string().trim().min(1).max(MAX_ITEM_CHARS),
    owner: z.string().trim().max(120).nullable(),
    due: Day.nullable(),
    done: z.boolean(),
    removed: z.boolean(),
  })
  .strict();
/** retro.status v1: moves the document along RETRO_MOVES. */
export const RetroStatusV1 = z.object({ status: z.enum(RETRO_STATUSES) }).strict();
/** retro.annotate v1: a reviewer's note on a timeline event (empty text removes it). */
export const RetroAnnotateV1 = z
  .object({ annotationId: Key, eventId: Key, text: z.string().trim().max(MAX_ITEM_CHARS) })
  .strict();
/** retro.pin v1: pins a key mention to the review (or unpins it), with a note. */
export const RetroPinV1 = z
  .object({
    mentionId: z.string().min(1).max(128),
    pinned: z.boolean(),
    note: z.string().trim().max(MAX_ITEM_CHARS).nullable(),
  })
  .strict();

/** Payload schemas of retrospective ops, by type and version (merged into PAYLOADS). */
export const RETRO_PAYLOADS: Record<string, Record<number, z.ZodType>> = {
  'retro.open': { 1: RetroOpenV1 },
  'retro.section': { 1: RetroSectionV1 },
  'retro.action': { 1: RetroActionV1 },
  'retro.status': { 1: RetroStatusV1 },
  'retro.annotate': { 1: RetroAnnotateV1 },
  'retro.pin': { 1: RetroPinV1 },
};
/** Op types of retrospectives (their subject is the review id). */
export const RETRO_OPS = Object.keys(RETRO_PAYLOADS);

/** Who wrote something and when (ISO). */
export type Byline = { by: string; at: string };

export type ActionItem = {
  id: string;
  text: string;
  owner: string | null;
  /** Due date (YYYY-MM-DD). */
  due: string | null;
  done: boolean;
} & Byline;

export type Annotation = { id: string; eventId: string; text: string } & Byline;

export type Pin = { mentionId: string; note: string | null } & Byline;

/** A retrospective as every station folds it. */
export type Retrospective = {
  id: string;
  title: string;
  scope: SavedScope;
  status: RetroStatus;
  sections: Partial<Record<RetroSection, { text: string } & Byline>>;
  /** Action items in the order they were first written. */
  actions: ActionItem[];
  /** Annotations in the order they were first written. */
  annotations: Annotation[];
  /** Pinned mentions in the order they were pinned. */
  pins: Pin[];
  /** Each status move, oldest first (the opening counts as the move to draft). */
  history: ({ status: RetroStatus } & Byline)[];
  openedBy: string;
  openedAt: string;
  updatedAt: string;
};
