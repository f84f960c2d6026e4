import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import canonicalize from 'canonicalize';
import { canonicalJson, opIdOf, sha256Hex } from './op-id';

describe('canonical JSON', () => {
  it('equals the RFC 8785 reference implementation on any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(canonicalJson(v)).toBe(canonicalize(v));
      }),
      { numRuns: 2000 },
    );
  });

  it('sorts keys by UTF-16 code units and keeps text exactly', () => {
    expect(
      canonicalJson({
        b: 1,
        a: [true, null, 'x'],
        é: '&amp; 😡\n',
        A: -0,
        '\u{1F600}': 1,
        '\uFB01': 2,
      }),
    ).toBe('{"A":0,"a":[true,null,"x"],"b":1,"é":"&amp; 😡\\n","\u{1F600}":1,"\uFB01":2}');
  });

  it('takes the fast path only when the order really is canonical', () => {
    for (const v of [
      { '10': 1, '2': 2 },
      { b: { d: 1, c: 2 }, a: 1 },
      { a: [{ z: 1, y: 2 }] },
      { a: 1, b: -0, c: 1e21 },
    ]) {
      expect(canonicalJson(v)).toBe(canonicalize(v));
    }
  });

  it('makes op ids from the canonical header', () => {
    const h = {
      origin: 'st-a',
      seq: 1,
      hlc: '000000000000001-000000-st-a',
      actor: 'u',
      type: 'x.y',
      v: 1,
      payloadHash: 'p',
      prev: null,
    };
    expect(opIdOf(h)).toBe(sha256Hex(canonicalize(h) as string));
  });
});
