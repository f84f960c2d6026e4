import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SentIndex } from './sent-index';
import { shingles, similarityTokens } from './similarity-tokens';

/** Jaccard similarity of two replies' shingle sets, computed directly. */
function jaccard(a: string, b: string): number {
  const x = shingles(similarityTokens(a));
  const y = shingles(similarityTokens(b));
  const both = [...x].filter((s) => y.has(s)).length;
  return both / (x.size + y.size - both);
}

describe('the sent-reply index', () => {
  it('treats replies that differ only in handles, numbers, links and case as the same', () => {
    const sent = new SentIndex();
    sent.add('Hi @ana, sorry about flight 123');
    expect(sent.similarTo('Hi @bo, sorry about flight 456', 1)).toEqual({
      count: 1,
      closest: [{ text: 'Hi @ana, sorry about flight 123', similarity: 1 }],
    });
    expect(
      similarityTokens('HI @Bo_99, see https://x.co/a?b=1 or mail bo@example.com re TK 19/85!'),
    ).toEqual(['hi', '<handle>', 'see', '<url>', 'or', 'mail', '<email>', 're', 'tk', '<n>']);
    expect(similarityTokens('Przepraszamy, że ŁÓDŹ czeka')).toEqual(
      similarityTokens('przepraszamy ze lodz czeka'),
    );
    expect(sent.similarTo('Hi @bo, sorry about the train', 0.5).count).toBe(0);
  });

  it('counts exactly the sent replies at or above the threshold, closest first', () => {
    // A small vocabulary, so random replies share shingles and similarities spread over 0–1.
    const words = ['sorry', 'about', 'the', 'delay', '@ana', '12', 'refund'];
    const reply = fc
      .array(fc.constantFrom(...words), { minLength: 1, maxLength: 10 })
      .map((w) => w.join(' '));
    fc.assert(
      fc.property(
        fc.array(reply, { maxLength: 40 }),
        fc.array(reply, { minLength: 1, maxLength: 5 }),
        fc.constantFrom(0.3, 0.5, 0.9, 1),
        (sentTexts, randomDrafts, threshold) => {
          const index = new SentIndex();
          for (const t of sentTexts) index.add(t);
          // Several queries on one index, some of them sent replies themselves: nothing from
          // one query may leak into the next.
          for (const draft of [...randomDrafts, ...sentTexts.slice(0, 3)]) {
            const { count, closest } = index.similarTo(draft, threshold);
            expect(count).toBe(sentTexts.filter((t) => jaccard(t, draft) >= threshold).length);
            const best = Math.max(0, ...sentTexts.map((t) => jaccard(t, draft)));
            if (count > 0) expect(closest[0]?.similarity).toBe(best);
            expect(closest.length).toBeLessThanOrEqual(3);
            for (let i = 1; i < closest.length; i++)
              expect(closest[i]?.similarity).toBeLessThanOrEqual(closest[i - 1]?.similarity ?? 0);
          }
          expect(index.size).toBe(sentTexts.length);
        },
      ),
      { numRuns: 300 },
    );
  });
});
