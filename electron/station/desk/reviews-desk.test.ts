import { describe, expect, it } from 'vitest';
import type { ReviewReport } from '../../../shared/analytics/review-report';
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
