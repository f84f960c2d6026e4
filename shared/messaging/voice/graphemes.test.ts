import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forEachGrapheme } from './graphemes';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const reference = (text: string) =>
  [...segmenter.segment(text)].map((s) => [s.index, s.index + s.segment.length]);
const ours = (text: string) => {
  const out: number[][] = [];
  forEachGrapheme(text, (start, end) => out.push([start, end]));
  return out;
};

// Pieces that stress the boundaries: accents to attach, emoji sequences, CR LF, Hangul jamo,
// an Arabic number sign (which attaches to the digit after it), Turkish and Polish letters.
const PIECES = [
  'a',
  'İ',
  'ı',
  'ł',
  'ś',
  ' ',
  '\n',
  '\r',
  '1',
  '.',
  '\u0301',
  '\u0328',
  '\u200d',
  '\ufe0f',
  '👍',
  '🏽',
  '👩',
  '🇹',
  '🇷',
  '❤',
  '\u1100',
  '\u1161',
  '\u0600',
  'क',
  '\u093f',
  'あ',
];

describe('graphemes', () => {
  it('cuts text exactly where Intl.Segmenter does', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }), (pieces) => {
        const text = pieces.join('');
        expect(ours(text)).toEqual(reference(text));
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (text) => {
        expect(ours(text)).toEqual(reference(text));
      }),
    );
  });
});
