import { describe, expect, it } from 'vitest';
import { VersionVectorSchema, missingFrom, opsBehind } from './version-vector';

describe('version vectors', () => {
  it('say which chains a peer lacks and from where', () => {
    const mine = { a: 10, b: 3, c: 7 };
    const theirs = { a: 10, b: 5, d: 2 };
    expect([...missingFrom(mine, theirs)]).toEqual([['c', 0]]);
    expect([...missingFrom(theirs, mine)]).toEqual([
      ['b', 3],
      ['d', 0],
    ]);
    expect(opsBehind(mine, theirs)).toBe(2 + 2);
    expect(opsBehind(theirs, mine)).toBe(7);
    expect(opsBehind(mine, mine)).toBe(0);
  });

  it('refuse malformed input from a peer', () => {
    expect(VersionVectorSchema.safeParse({ a: -1 }).success).toBe(false);
    expect(VersionVectorSchema.safeParse({ a: 1.5 }).success).toBe(false);
    expect(VersionVectorSchema.safeParse({ a: '3' }).success).toBe(false);
    expect(VersionVectorSchema.safeParse([1, 2]).success).toBe(false);
    expect(VersionVectorSchema.safeParse({ a: 3, b: 0 }).success).toBe(true);
  });
});
