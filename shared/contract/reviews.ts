import { z } from 'zod';
import type { ReviewReport } from '../analytics/review-report';
import type { Ack } from './common';

const When = z.iso.datetime({ offset: true });
const Words = z.array(z.string().trim().min(1).max(120)).max(50).optional();
/** The longest window a review covers at once. */
export const MAX_REVIEW_DAYS = 31;

/** review.get: the KPIs and timeline of a time window, narrowed by brands, channels, departments. */
export const ReviewRequestSchema = z
  .object({
    from: When,
    to: When,
    brands: Words,
    channels: Words,
    departments: Words,
    /** Chart intervals (minutes). */
    intervalMinutes: z.number().int().min(1).max(1_440).default(60),
    /** The first-response target the share is measured against (minutes). */
    targetMinutes: z.number().int().min(1).max(10_080).default(15),
  })
  .strict()
  .refine((r) => Date.parse(r.to) > Date.parse(r.from), {
    message: 'the review must end after it starts',
    path: ['to'],
  })
  .refine((r) => Date.parse(r.to) - Date.parse(r.from) <= MAX_REVIEW_DAYS * 86_400_000, {
    message: `a review covers at most ${MAX_REVIEW_DAYS} days`,
    path: ['to'],
  });

/** Commands of reviews. */
export type ReviewsCommands = {
  'review.get': (
    input: z.input<typeof ReviewRequestSchema>,
    ack: Ack<{ review: ReviewReport }>,
  ) => void;
};
