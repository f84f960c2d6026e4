/**
 * Redaction for sharing a review outside the company: every customer (a mention's author) gets a
 * stable pseudonym ("customer 1", in the order they first wrote), their handles, names, emails
 * and phone numbers are replaced wherever they appear in text, and any email address or phone
 * number is replaced even when nobody known wrote it. Staff names stay.
 */

/** A customer as the mentions table knows them: one handle, and what else they gave. */
export type Customer = {
  handle: string;
  names: readonly string[];
  emails: readonly string[];
  phones: readonly string[];
};

/** What an email address or a phone number in text becomes. */
export const EMAIL_MARK = '[email]';
export const PHONE_MARK = '[phone]';

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
// 7 to 15 digits (E.164's longest), with at most two separators between digits, not touching a
// letter, digit or hyphen on either side (so ids, UUIDs and tweet ids are left alone).
const PHONE = /(?<![\p{L}\p{N}_+-])\+?\d(?:[\s().-]{0,2}\d){6,14}(?![\p{L}\p{N}_-])/gu;
const DATE_LIKE = /^\d{4}-\d{2}-\d{2}/;
const WORD = /[\p{L}\p{N}_]+/gu;
const FIRST_WORD = /[\p{L}\p{N}_]+/u;
const WORD_CHAR = /[\p{L}\p{N}_]/u;

/** A text to find: lower-cased, with how many characters come before its first word. */
type Phrase = { text: string; lead: number; customer: number; bareOk: boolean };

const keyOf = (handle: string) => handle.trim().replace(/^@+/, '').toLowerCase();

/**
 * Whether a handle or name is distinctive enough to replace where it stands without an "@"
 * before it: several words (a full name), a digit or punctuation in it, or 6 characters or more.
 * A short plain word ("bag", "anna") is replaced only as an @mention, so the text keeps its words.
 */
function distinctive(s: string): boolean {
  return /\s/.test(s.trim()) || /[^\p{L}]/u.test(s) || s.length >= 6;
}

/** Replaces customers' identities in text and gives each customer a stable pseudonym. */
export class Redactor {
  private readonly numbers = new Map<string, number>();
  private readonly byFirstWord = new Map<string, Phrase[]>();
  private next = 1;

  /**
   * `customers` in the order their pseudonyms are numbered; `staff` are names and usernames of
   * the room's people, which are never replaced (a customer sharing one is still pseudonymised
   * in the author columns).
   */
  constructor(customers: Iterable<Customer>, staff: Iterable<string> = []) {
    const keep = new Set([...staff].map((s) => s.trim().toLowerCase()).filter(Boolean));
    for (const c of customers) {
      const n = this.numberOf(c.handle);
      const handle = c.handle.trim().replace(/^@+/, '');
      this.index(handle, n, keep);
      for (const s of [...c.names, ...c.emails, ...c.phones]) this.index(s.trim(), n, keep);
    }
    for (const list of this.byFirstWord.values())
      list.sort((a, b) => b.text.length - a.text.length);
  }

  /** A customer's pseudonym, by handle (one not seen before gets the next number). */
  pseudonym(handle: string): string {
    return `customer ${this.numberOf(handle)}`;
  }

  /** Text with emails, phone numbers and every known customer's handle, name and contact replaced. */
  text(input: string): string {
    const marked = input
      .replace(EMAIL, EMAIL_MARK)
      .replace(PHONE, (m) => (DATE_LIKE.test(m) ? m : PHONE_MARK));
    return this.replacePhrases(marked);
  }

  /** Text that may be null. */
  maybe(input: string | null): string | null {
    return input === null ? null : this.text(input);
  }

  private numberOf(handle: string): number {
    const key = keyOf(handle);
    let n = this.numbers.get(key);
    if (n === undefined) {
      n = this.next++;
      this.numbers.set(key, n);
    }
    return n;
  }

  private index(s: string, customer: number, keep: ReadonlySet<string>): void {
    if (s.length < 2 || keep.has(s.toLowerCase())) return;
    const first = FIRST_WORD.exec(s);
    if (!first) return;
    const phrase = {
      text: s.toLowerCase(),
      lead: first.index,
      customer,
      bareOk: distinctive(s),
    };
    const key = first[0].toLowerCase();
    const list = this.byFirstWord.get(key);
    if (!list) this.byFirstWord.set(key, [phrase]);
    else if (!list.some((p) => p.text === phrase.text)) list.push(phrase);
  }

  /** One pass over the words of a text: at each, the longest known phrase that starts there. */
  private replacePhrases(input: string): string {
    const lower = input.toLowerCase();
    // Lower-casing keeps positions only when no character changes length (true but for rare
    // letters like "İ"): otherwise match on the text as it is, case-sensitively.
    const hay = lower.length === input.length ? lower : input;
    let out = '';
    let done = 0;
    for (const m of input.matchAll(WORD)) {
      if (m.index < done) continue;
      const candidates = this.byFirstWord.get(m[0].toLowerCase());
      if (!candidates) continue;
      for (const p of candidates) {
        const start = m.index - p.lead;
        const end = start + p.text.length;
        if (start < done || hay.slice(start, end) !== p.text) continue;
        if (end < input.length && WORD_CHAR.test(input[end] as string)) continue;
        if (start > 0 && WORD_CHAR.test(input[start - 1] as string)) continue;
        const at = start > 0 && input[start - 1] === '@';
        if (!at && !p.bareOk) continue;
        out += input.slice(done, at ? start - 1 : start) + `customer ${p.customer}`;
        done = end;
        break;
      }
    }
    return done === 0 ? input : out + input.slice(done);
  }
}
