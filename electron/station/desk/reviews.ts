import { z } from 'zod';
import {
  OpenReviewSchema,
  ReviewActionSchema,
  ReviewAnnotateSchema,
  ReviewPinSchema,
  ReviewRequestSchema,
  ReviewSectionSchema,
  ReviewStatusSchema,
  type ReviewDocument,
} from '../../../shared/contract/reviews';
import type { Retrospective } from '../../../shared/review/retrospective';
import { mentionById } from '../db/queries/mention-reads';
import { listRuns } from '../db/queries/runs';
import { runSummaries } from '../playbooks/run-views';
import { buildReview } from '../review/review-build';
import { commitRetro, newReviewKey } from '../review/retro-commands';
import { listReviews, readRetro, reviewDocument } from '../review/retro-store';
import { resolveScope } from '../review/review-scope';
import { DeskError, NoInput, handler, type DeskContext, type DeskHandlerMap } from './handler';

type ReviewCommand =
  | 'review.get'
  | 'review.list'
  | 'review.open'
  | 'review.retro'
  | 'review.section'
  | 'review.action'
  | 'review.status'
  | 'review.annotate'
  | 'review.pin';

const documentOf = (ctx: DeskContext, retro: Retrospective): Promise<ReviewDocument> =>
  reviewDocument(ctx.core.read, retro);
const who = (ctx: DeskContext) => ({ id: ctx.operator.id, role: ctx.operator.role });

/**
 * Post-incident reviews: a window's or a run's KPIs and timeline (for anyone who may read the
 * queue), the history of past incidents, and each review's retrospective — written by anyone who
 * works the queue, moved along (in review, closed) by leads and admins.
 */
export const reviewHandlers: DeskHandlerMap<ReviewCommand> = {
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
  'review.list': handler({
    input: NoInput,
    permission: 'mention.read',
    run: async ({ core }) => {
      const closed = (await listRuns(core.read)).filter((r) => r.closed_at !== null);
      return {
        reviews: await listReviews(core.read),
        closedRuns: await runSummaries(
          core.read,
          closed.map((r) => r.id),
        ),
      };
    },
  }),
  'review.open': handler({
    input: OpenReviewSchema,
    permission: 'review.write',
    run: async (ctx, { reviewId, title, scope }) => {
      if (reviewId && !(await readRetro(ctx.core.read, reviewId)))
        throw new DeskError('not-found', `no review with id ${reviewId}`);
      const retro = await commitRetro(
        ctx.core,
        reviewId ?? newReviewKey(),
        who(ctx),
        'retro.open',
        {
          title,
          scope,
        },
      );
      return documentOf(ctx, retro);
    },
  }),
  'review.retro': handler({
    input: z.object({ reviewId: z.string().min(1).max(64) }).strict(),
    permission: 'mention.read',
    run: async (ctx, { reviewId }) => {
      const retro = await readRetro(ctx.core.read, reviewId);
      if (!retro) throw new DeskError('not-found', `no review with id ${reviewId}`);
      return documentOf(ctx, retro);
    },
  }),
  'review.section': handler({
    input: ReviewSectionSchema,
    permission: 'review.write',
    run: async (ctx, { reviewId, ...payload }) =>
      documentOf(ctx, await commitRetro(ctx.core, reviewId, who(ctx), 'retro.section', payload)),
  }),
  'review.action': handler({
    input: ReviewActionSchema,
    permission: 'review.write',
    run: async (ctx, { reviewId, actionId, ...rest }) =>
      documentOf(
        ctx,
        await commitRetro(ctx.core, reviewId, who(ctx), 'retro.action', {
          actionId: actionId ?? newReviewKey(),
          ...rest,
        }),
      ),
  }),
  'review.status': handler({
    input: ReviewStatusSchema,
    permission: 'review.manage',
    run: async (ctx, { reviewId, status }) =>
      documentOf(ctx, await commitRetro(ctx.core, reviewId, who(ctx), 'retro.status', { status })),
  }),
  'review.annotate': handler({
    input: ReviewAnnotateSchema,
    permission: 'review.write',
    run: async (ctx, { reviewId, annotationId, ...rest }) => {
      const op = await ctx.core.read.get('SELECT 1 AS held FROM ops WHERE id = ?', [rest.eventId]);
      if (!op) throw new DeskError('not-found', `no event ${rest.eventId} at this station`);
      return documentOf(
        ctx,
        await commitRetro(ctx.core, reviewId, who(ctx), 'retro.annotate', {
          annotationId: annotationId ?? newReviewKey(),
          ...rest,
        }),
      );
    },
  }),
  'review.pin': handler({
    input: ReviewPinSchema,
    permission: 'review.write',
    run: async (ctx, { reviewId, ...payload }) => {
      if (payload.pinned && !(await mentionById(ctx.core.read, payload.mentionId)))
        throw new DeskError('not-found', `no mention with id ${payload.mentionId}`);
      return documentOf(ctx, await commitRetro(ctx.core, reviewId, who(ctx), 'retro.pin', payload));
    },
  }),
};
