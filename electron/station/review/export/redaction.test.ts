import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Redactor, type Customer } from './redaction';

const customer = (handle: string, more: Partial<Customer> = {}): Customer => ({
  handle,
  names: [],
  emails: [],
  phones: [],
  ...more,
});

describe('Redactor', () => {
  it('numbers customers in the order given, whatever the case or @ of their handle', () => {
    const r = new Redactor([customer('@Jane_Doe'), customer('bob99')]);
    expect([r.pseudonym('jane_doe'), r.pseudonym('@JANE_DOE'), r.pseudonym('bob99')]).toEqual([
      'customer 1',
      'customer 1',
      'customer 2',
    ]);
    // A handle nobody listed still gets a pseudonym, the next one, and keeps it.
    expect([r.pseudonym('@late'), r.pseudonym('late')]).toEqual(['customer 3', 'customer 3']);
  });

  it('replaces @mentions, distinctive handles, full names, emails and phone numbers in text', () => {
    const r = new Redactor([
      customer('@jane_doe_88', { names: ['Jane Doolittle'], emails: ['jd@x.io'] }),
      customer('bag'),
      customer('+48 600 100 200', { names: ['Zofia Nowak'] }),
    ]);
    expect(r.text('@JANE_DOE_88 and jane_doe_88, cc JANE DOOLITTLE.')).toBe(
      'customer 1 and customer 1, cc customer 1.',
    );
    // A short plain word is a customer's only as an @mention: the text keeps its words.
    expect(r.text('my bag is lost, says @bag')).toBe('my bag is lost, says customer 2');
    expect(r.text('Zofia Nowak rang from +48 600 100 200')).toBe('customer 3 rang from [phone]');
    expect(
      r.text(
        'write to someone.else@mail.example.org or call +1 (415) 555-0134 / 0044 20 7946 0958',
      ),
    ).toBe('write to [email] or call [phone] / [phone]');
    // Not part of a longer word: "jane_doe_881" is somebody else.
    expect(r.text('jane_doe_881 and xjane_doe_88')).toBe('jane_doe_881 and xjane_doe_88');
  });

  it('leaves dates, times, ids and short numbers alone', () => {
    const r = new Redactor([]);
    const keep = [
      'on 2015-02-22 10:05 flight UA 1234 was late by 45 min',
      'twitter:570306133677760513',
      'phone:manual-12345678-1234-4abc-9def-123456789012',
      'case HL-3K9ZQ2, 3 bags, gate 22',
    ];
    for (const text of keep) expect(r.text(text)).toBe(text);
  });

  it('keeps staff names even when a customer shares one', () => {
    const r = new Redactor([customer('ana', { names: ['Ana Operator'] })], ['Ana Operator', 'ana']);
    expect(r.text('Ana Operator answered')).toBe('Ana Operator answered');
    expect(r.pseudonym('ana')).toBe('customer 1');
  });

  it('never lets an @mention of a known handle through, in any text', () => {
    const handle = fc.stringMatching(/^[a-z][a-z0-9_]{2,14}$/);
    const filler = fc.constantFrom('hi', 'the', 'flight', 'is', 'late', '!', ',', '😡', '\n');
    fc.assert(
      fc.property(
        fc.uniqueArray(handle, { minLength: 1, maxLength: 5 }),
        fc.array(fc.oneof(filler, fc.nat(4)), { maxLength: 30 }),
        (handles, parts) => {
          const r = new Redactor(handles.map((h) => customer(h)));
          const text = parts
            .map((p) => (typeof p === 'number' ? `@${handles[p % handles.length]}` : p))
            .join(' ');
          const out = r.text(text);
          for (const h of handles) expect(out.toLowerCase()).not.toContain(`@${h}`);
        },
      ),
    );
  });
});
