import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wordDiff } from './word-diff';

describe('word diff', () => {
  it('marks the words that changed', () => {
    expect(
      wordDiff('Hi {{author}}, your bag arrives soon.', 'Hi Ana, your bag arrives Monday.'),
    ).toEqual([
      { op: 'same', text: 'Hi ' },
      { op: 'del', text: '{{author}},' },
      { op: 'add', text: 'Ana,' },
      { op: 'same', text: ' your bag arrives ' },
      { op: 'del', text: 'soon.' },
      { op: 'add', text: 'Monday.' },
    ]);
  });

  it('re-joins into both texts', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'b', 'c', ' ', '  ', '\n', 'dd'), { maxLength: 30 }),
        fc.array(fc.constantFrom('a', 'b', 'c', ' ', '  ', '\n', 'dd'), { maxLength: 30 }),
        (x, y) => {
          const before = x.join('');
          const after = y.join('');
          const parts = wordDiff(before, after) ?? [];
          const words = (s: string) => s.split(/\s+/).filter(Boolean);
          expect(
            words(
              parts
                .filter((p) => p.op !== 'add')
                .map((p) => p.text)
                .join(''),
            ),
          ).toEqual(words(before));
          expect(
            parts
              .filter((p) => p.op !== 'del')
              .map((p) => p.text)
              .join(''),
          ).toBe(after);
        },
      ),
    );
  });

  it('declines texts too long to compare on a desk', () => {
    const long = 'word '.repeat(5000);
    expect(wordDiff(long, long + 'more')).toBeNull();
  });
});
