import { ReviewRequestSchema } from '../../../shared/contract/reviews';
import { buildReview } from '../review/review-build';
import { handler, type DeskHandlerMap } from './handler';

/** Post-incident reviews: a window's KPIs and timeline, for anyone who may read the queue. */
export const reviewHandlers: DeskHandlerMap<'review.get'> = {
  'review.get': handler({
    input: ReviewRequestSchema,
    permission: 'mention.read',
    run: async ({ core }, r) => {
      const window = { from: Date.parse(r.from), to: Date.parse(r.to) };
      const review = await buildReview(
        core.read,
        {
          ...window,
          ...(r.brands && { brands: r.brands }),
          ...(r.channels && { channels: r.channels }),
          ...(r.departments && { departments: r.departments }),
        },
        {
          intervalMs: r.intervalMinutes * 60_000,
          targetSeconds: r.targetMinutes * 60,
          asOf: Math.min(Date.now(), window.to),
        },
      );
      return { review };
    },
  }),
};
