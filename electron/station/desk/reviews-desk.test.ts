import { describe, expect, it } from 'vitest';
import type { ReviewReport } from '../../../shared/analytics/review-report';
import type { Result } from '../../../shared/contract/common';
import type { ReviewDocument } from '../../../shared/contract/reviews';
import { deskRoom } from '../test-support/desk-room';
import { call } from '../test-support/station-client';

const room = deskRoom([
  { username: 'olga', displayName: 'Olga', role: 'observer', departments: ['customer-care'] },
]);

describe('review.get', () => {
  it('refuses a window that ends before it starts or is too long, and gives a window’s review to any reader', async () => {
    const lead = await room.desk('lead');
    const olga = await room.desk('olga');
    await call(lead, 'mention.create', {
      channel: 'email',
      author: { handle: 'jan@example.com' },
      text: 'my order never came <script>x</script>',
    });
    const now = Date.now();
    const iso = (ms: number) => new Date(ms).toISOString();
    const backwards = await call(olga, 'review.get', { from: iso(now), to: iso(now - 1) });
    expect(backwards).toMatchObject({ ok: false, code: 'invalid' });
    expect(backwards.ok || backwards.message).toMatch(/end after it starts/);
    const tooLong = await call(olga, 'review.get', {
      from: iso(now - 40 * 86_400_000),
      to: iso(now),
    });
    expect(tooLong.ok || tooLong.message).toMatch(/at most 31 days/);
    const r = await call(olga, 'review.get', {
      from: iso(now - 3_600_000),
      to: iso(now + 3_600_000),
      intervalMinutes: 30,
    });
    const review = (r as unknown as { review: ReviewReport }).review;
    expect(review.response.mentions).toBe(1);
    expect(review.outcomes.neverTouched).toBe(1);
    expect(review.volume).toHaveLength(4);
    expect(review.timeline.map((e) => e.kind)).toEqual(['mention-logged']);
  });
});

const asDocument = (r: unknown) => r as Result<ReviewDocument>;

describe('retrospectives over /desk', () => {
  it('opens a run’s review, annotates an event, pins a mention, and tells every desk', async () => {
    const lead = await room.desk('lead');
    const olga = await room.desk('olga');
    const created = await call(lead, 'mention.create', {
      channel: 'twitter',
      author: { handle: '@kasia' },
      text: 'the kettle sparked <img src=x onerror=alert(1)>',
    });
    const mentionId = (created as unknown as { mention: { id: string } }).mention.id;
    const started = await call(lead, 'run.start', { playbookId: 'product-recall' });
    const runId = (started as unknown as { run: { id: string } }).run.id;

    const got = await call(olga, 'review.get', { runId });
    const review = (got as unknown as { review: ReviewReport }).review;
    expect(review.scope.incident?.from).toBeLessThanOrEqual(Date.now());
    expect(review.timeline.map((e) => e.kind)).toContain('run-started');
    expect(await call(olga, 'review.get', { runId: 'no-such-run' })).toMatchObject({
      ok: false,
      code: 'not-found',
    });

    const scope = {
      from: new Date(review.scope.from).toISOString(),
      to: new Date(review.scope.to).toISOString(),
      runId,
    };
    expect(await call(olga, 'review.open', { title: 'Kettle recall', scope })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    const opened = asDocument(await call(lead, 'review.open', { title: 'Kettle recall', scope }));
    if (!opened.ok) throw new Error(opened.message);
    const reviewId = opened.retro.id;

    const heard = new Promise<{ reviewId: string }>((resolve) =>
      olga.once('review.changed', resolve),
    );
    const event = review.timeline.find((e) => e.kind === 'run-started');
    const annotated = asDocument(
      await call(lead, 'review.annotate', {
        reviewId,
        eventId: event?.opId ?? '',
        text: 'started 20 minutes after the first call',
      }),
    );
    expect(await heard).toEqual({ reviewId });
    expect(annotated.ok && annotated.retro.annotations).toMatchObject([
      { eventId: event?.opId, text: 'started 20 minutes after the first call' },
    ]);
    expect(
      await call(lead, 'review.annotate', { reviewId, eventId: 'not-an-op', text: 'x' }),
    ).toMatchObject({ ok: false, code: 'not-found' });

    const pinned = asDocument(
      await call(lead, 'review.pin', { reviewId, mentionId, pinned: true }),
    );
    expect(pinned.ok && pinned.pinned[0]?.mention?.text).toBe(
      'the kettle sparked <img src=x onerror=alert(1)>',
    );
    const listed = await call(olga, 'review.list', {});
    expect(listed.ok && listed.reviews).toMatchObject([
      { id: reviewId, title: 'Kettle recall', status: 'draft', scope: { runId } },
    ]);
    const read = asDocument(await call(olga, 'review.retro', { reviewId }));
    expect(read.ok && read.retro.pins.map((p) => p.mentionId)).toEqual([mentionId]);
    expect(await call(olga, 'review.status', { reviewId, status: 'in-review' })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    expect(await call(lead, 'review.status', { reviewId, status: 'closed' })).toMatchObject({
      ok: false,
      message: 'a draft retrospective cannot move to closed',
    });
  });
});
