import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldForMatch, foldedWords, wordsOf } from './fold-words';

describe('folding for matching', () => {
  it('drops case and accents, folding every Turkish I to i', () => {
    expect(foldForMatch('İADE IADE ıade iade')).toBe('iade iade iade iade');
    expect(foldForMatch('Devolución REEMBOLSÓ Łódź STRAẞE Œuvre')).toBe(
      'devolucion reembolso lodz strasse oeuvre',
    );
    expect(foldForMatch('ΟΔΥΣΣΕΥΣ')).toBe(foldForMatch('οδυσσευσ'));
  });

  it('keeps the vowel signs Hindi words are made of', () => {
    expect(wordsOf(foldForMatch('रिफंड चाहिए'))).toEqual(['रिफंड', 'चाहिए']);
  });

  it('gives the same words on the ASCII fast path as on the full one', () => {
    const ascii = fc.string({ unit: fc.constantFrom(..."aZ09 .,!?@#-_'\n\t".split('')) });
    fc.assert(
      fc.property(fc.oneof(ascii, fc.string({ unit: 'grapheme' })), (text) => {
        expect(foldedWords(text)).toEqual(wordsOf(foldForMatch(text)));
      }),
    );
  });
});
