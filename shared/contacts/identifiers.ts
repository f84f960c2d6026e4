import { z } from 'zod';
import type { Channel } from '../domain/mention';

// A customer is known by identifiers: a handle on a platform, an email address, a phone number.
// Two mentions that share one are the same customer (an exact link, derived, never an op). The
// station derives them in SQL (migration 0018's generated columns); these functions are their
// twins in TypeScript, for folds and tests, and a test checks the two agree on tricky inputs.
// Normalising is deliberately plain, so SQLite can do exactly the same thing: ASCII lower case,
// trimming of spaces, tabs and line ends, no Unicode folding.

/** Channels whose author handle names one account on that platform. */
export const HANDLE_CHANNELS = [
  'twitter',
  'facebook',
  'instagram',
  'tiktok',
  'youtube',
  'reddit',
] as const satisfies readonly Channel[];

/** Channels whose author handle, when it reads as a phone number, is the caller's number. */
export const PHONE_CHANNELS = ['phone', 'sms', 'fax'] as const satisfies readonly Channel[];

/** What kind of identifier: `mention` stands for a mention whose author left none of the others. */
export type IdentifierKind = 'handle' | 'email' | 'phone' | 'mention';

/** An identifier as it is written in ops and views: `email:ana@example.com`, `handle:twitter:ana`. */
export type Identifier = string;

/** Longest identifier (an email address may be 320 characters). */
export const MAX_IDENTIFIER_CHARS = 400;

/** zod schema of an identifier. */
export const IdentifierSchema = z
  .string()
  .max(MAX_IDENTIFIER_CHARS)
  .regex(/^(handle:[a-z-]+:.+|email:.+@.+|phone:[0-9]{6,15}|mention:[a-z-]+:.+)$/su, {
    message: 'not a customer identifier (handle:, email:, phone: or mention:)',
  });

const isHandleChannel = (c: string) => (HANDLE_CHANNELS as readonly string[]).includes(c);
const isPhoneChannel = (c: string) => (PHONE_CHANNELS as readonly string[]).includes(c);

// SQLite's trim(x, ' ' || char(9, 10, 13)) and lower(x) without ICU.
const trimmed = (s: string) => s.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
const asciiLower = (s: string) => s.replace(/[A-Z]+/g, (c) => c.toLowerCase());

/** An email address as compared (lower case, trimmed), or null when it does not read as one. */
export function emailKey(raw: string | null | undefined): string | null {
  if (raw == null) return null;
  const e = asciiLower(trimmed(raw));
  // SQL: e GLOB '?*@*?' AND instr(e, ' ') = 0 — an @ with something on both sides, no spaces.
  return /^.+@.+$/su.test(e) && !e.includes(' ') ? e : null;
}

/**
 * A phone number as compared: digits only, spacing and punctuation dropped, an international
 * `00` prefix dropped like `+` (so +48 600 100 200 and 0048-600-100-200 agree), 6 to 15 digits.
 * No country is guessed: a national number and its international form stay apart.
 */
export function phoneKey(raw: string | null | undefined): string | null {
  if (raw == null) return null;
  const p = raw.replace(/[ \-()./+]/g, '');
  const d = p.startsWith('00') ? p.slice(2) : p;
  return /^[0-9]{6,15}$/.test(d) ? d : null;
}

/** A handle as compared: as the platform shows it, without a leading @. */
export function handleKey(handle: string): string | null {
  const h = handle.replace(/^@+/, '');
  return h === '' ? null : h;
}

/** The author fields of a mention that identify its customer. */
export type IdentifiedAuthor = {
  mentionId: string;
  channel: string;
  handle: string;
  email?: string | null | undefined;
  phone?: string | null | undefined;
};

/** The identifiers of one mention's author, in a fixed order: handle, email, phone (or mention). */
export function identifiersOf(m: IdentifiedAuthor): Identifier[] {
  const out: Identifier[] = [];
  const handle = isHandleChannel(m.channel) ? handleKey(m.handle) : null;
  if (handle !== null) out.push(`handle:${m.channel}:${handle}`);
  // The handle stands in for a missing email or phone on channels where it is one (an email's
  // sender, a caller's number); a given email or phone is used as it is, even when unreadable.
  const email = emailKey(m.email ?? (isHandleChannel(m.channel) ? null : m.handle));
  if (email !== null) out.push(`email:${email}`);
  const phone = phoneKey(m.phone ?? (isPhoneChannel(m.channel) ? m.handle : null));
  if (phone !== null) out.push(`phone:${phone}`);
  if (out.length === 0) out.push(`mention:${m.mentionId}`);
  return out;
}

/** What an identifier says, for showing it. */
export function describeIdentifier(id: Identifier): {
  kind: IdentifierKind;
  channel: string | null;
  value: string;
} {
  const colon = id.indexOf(':');
  const kind = id.slice(0, colon) as IdentifierKind;
  const rest = id.slice(colon + 1);
  if (kind === 'handle' || kind === 'mention') {
    const second = rest.indexOf(':');
    return { kind, channel: rest.slice(0, second), value: rest.slice(second + 1) };
  }
  return { kind, channel: null, value: rest };
}

/** A link between two identifiers, written the same way whichever side was named first. */
export function pairOf(x: Identifier, y: Identifier): { a: Identifier; b: Identifier } {
  return x < y ? { a: x, b: y } : { a: y, b: x };
}
