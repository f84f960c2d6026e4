import { ReviewRequestSchema } from '../../../shared/contract/reviews';
import { buildReview } from '../review/review-build';
import { resolveScope } from '../review/review-scope';
import { DeskError, handler, type DeskHandlerMap } from './handler';

/** Post-incident reviews: a window's or a run's KPIs and timeline, for anyone who may read the queue. */
export const reviewHandlers: DeskHandlerMap<'review.get'> = {
  'review.get': handler({
    input: ReviewRequestSchema,
    permission: 'mention.read',
    run: async ({ core }, r) => {
      const now = Date.now();
      const scope = await resolveScope(core.read, r, now);
      if (!scope) throw new DeskError('not-found', `no run ${r.runId} at this station`);
      const review = await buildReview(core.read, scope, {
        intervalMs: r.intervalMinutes * 60_000,
        targetSeconds: r.targetMinutes * 60,
        asOf: Math.min(now, scope.to),
      });
      return { review };
    },
  }),
};
