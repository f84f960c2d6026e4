import { describe, expect, it } from 'vitest';
import { MentionColumns } from './mention-columns';
import type { ReviewMention } from './review-input';

const mention = (i: number): ReviewMention => ({
  id: `twitter:${i}`,
  author: `@a${i % 7}`,
  channel: i % 2 === 0 ? 'twitter' : 'email',
  department: i % 3 === 0 ? null : 'legal',
  priority: i % 101,
  brand: i % 5 === 0 ? null : `Brand ${i % 4}`,
  occurredAt: 1_700_000_000_000 + i * 1_000,
  recordedAt: 1_700_000_000_000 + i * 1_000 + (i % 9),
  firstAnswerAt: i % 4 === 0 ? 1_700_000_100_000 + i : null,
  closedAt: i % 6 === 0 ? 1_700_000_200_000 + i : null,
  ignoredAt: i % 10 === 0 ? 1_700_000_300_000 : null,
  touched: i % 3 === 1,
  answers: i % 4,
  sentimentScore: (i % 21) / 2 - 5,
  sentimentLabel: i % 3 === 0 ? 'negative' : i % 3 === 1 ? 'neutral' : 'positive',
  reach:
    i % 8 === 0 ? {} : i % 8 === 1 ? { followers: i } : { retweets: i % 5, likes: 0, followers: 0 },
});

describe('MentionColumns', () => {
  it('gives back every mention as pushed, past several doublings of its columns', () => {
    const given = Array.from({ length: 5_000 }, (_, i) => mention(i));
    const columns = new MentionColumns(3);
    for (const m of given) columns.push(m);
    expect(columns.length).toBe(5_000);
    expect(columns.toArray()).toEqual(given);
    // Walked again: the same again.
    const ids: string[] = [];
    for (const m of columns) ids.push(m.id);
    expect(ids).toEqual(given.map((m) => m.id));
  });
});
