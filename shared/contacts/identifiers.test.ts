import { describe, expect, it } from 'vitest';
import {
  IdentifierSchema,
  describeIdentifier,
  emailKey,
  handleKey,
  identifiersOf,
  pairOf,
  phoneKey,
} from './identifiers';

describe('customer identifiers', () => {
  it('compare email addresses in ASCII lower case, trimmed, and refuse what is not one', () => {
    expect(emailKey('  Ana.K@Example.COM\n')).toBe('ana.k@example.com');
    expect(emailKey('@example.com')).toBeNull();
    expect(emailKey('ana@')).toBeNull();
    expect(emailKey('ana k@example.com')).toBeNull();
    expect(emailKey('n/a')).toBeNull();
    expect(emailKey(null)).toBeNull();
  });

  it('compare phone numbers as digits, with + and 00 the same and no country guessed', () => {
    expect(phoneKey('+48 600 100 200')).toBe('48600100200');
    expect(phoneKey('0048-600-100-200')).toBe('48600100200');
    expect(phoneKey('(555) 123.4567')).toBe('5551234567');
    expect(phoneKey('600 100 200')).toBe('600100200');
    expect(phoneKey('12345')).toBeNull();
    expect(phoneKey('call me: 600100200')).toBeNull();
    expect(phoneKey('1234567890123456')).toBeNull();
  });

  it('take handles from platforms only, emails and phones from any channel, and a mention alone when none', () => {
    expect(handleKey('@@ana')).toBe('ana');
    expect(identifiersOf({ mentionId: 'twitter:1', channel: 'twitter', handle: '@ana' })).toEqual([
      'handle:twitter:ana',
    ]);
    expect(
      identifiersOf({
        mentionId: 'facebook:9',
        channel: 'facebook',
        handle: 'ana@example.com',
        email: 'ANA@example.com',
        phone: '+1 555 123 4567',
      }),
    ).toEqual(['handle:facebook:ana@example.com', 'email:ana@example.com', 'phone:15551234567']);
    expect(identifiersOf({ mentionId: 'email:m1', channel: 'email', handle: 'Jan@X.pl' })).toEqual([
      'email:jan@x.pl',
    ]);
    expect(
      identifiersOf({ mentionId: 'fax:1', channel: 'fax', handle: '+48 22 100 20 30' }),
    ).toEqual(['phone:48221002030']);
    // A name typed as the handle of a call identifies nobody.
    expect(identifiersOf({ mentionId: 'phone:2', channel: 'phone', handle: 'Jan Nowak' })).toEqual([
      'mention:phone:2',
    ]);
  });

  it('read back as what they are, and pair the same way from either side', () => {
    expect(describeIdentifier('handle:twitter:ana:k')).toEqual({
      kind: 'handle',
      channel: 'twitter',
      value: 'ana:k',
    });
    expect(describeIdentifier('email:ana@example.com')).toEqual({
      kind: 'email',
      channel: null,
      value: 'ana@example.com',
    });
    expect(pairOf('phone:123456', 'email:a@b.c')).toEqual({ a: 'email:a@b.c', b: 'phone:123456' });
    expect(IdentifierSchema.safeParse('phone:12').success).toBe(false);
    expect(IdentifierSchema.safeParse('mention:in-person:abc').success).toBe(true);
  });
});
