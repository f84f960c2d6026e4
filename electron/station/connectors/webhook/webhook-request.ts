import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { MentionInput } from '../../../../shared/domain/mention';
import { mapRecord } from '../map-record';
import type { Preset } from '../preset';
import { readPath } from '../record-items';

/** The header carrying the body's HMAC-SHA256: `sha256=<hex>` (the prefix may be left out). */
export const SIGNATURE_HEADER = 'x-holdline-signature';
/** The header carrying the source's token, for senders that cannot set Authorization. */
export const TOKEN_HEADER = 'x-holdline-token';
/** Most records one request may carry. */
export const MAX_ITEMS = 5_000;

/** The token a request presents: `Authorization: Bearer …`, else X-Holdline-Token. */
export function presentedToken(headers: IncomingHttpHeaders): string | null {
  const auth = headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  const h = headers[TOKEN_HEADER];
  return typeof h === 'string' && h !== '' ? h.trim() : null;
}

// Compared as SHA-256 digests: equal length whatever was sent, so timingSafeEqual applies and
// the time taken says nothing about how much of the secret matched, nor its length.
function digest(s: string | Buffer): Buffer {
  return createHash('sha256').update(s).digest();
}

/** Whether two secrets are equal, in constant time. */
export function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}

/** The hex HMAC-SHA256 of a body under a secret (what a sender puts after `sha256=`). */
export function signatureOf(secret: string, body: Buffer | string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

/** Whether a signature header vouches for the raw body, in constant time. */
export function signatureMatches(header: unknown, secret: string, body: Buffer): boolean {
  if (typeof header !== 'string') return false;
  const given = header
    .trim()
    .replace(/^sha256=/i, '')
    .toLowerCase();
  return timingSafeEqual(digest(given), digest(signatureOf(secret, body)));
}

/** The records a JSON body carries: one object, an array, or `{ "items": [...] }`. */
export function recordsOf(body: unknown): unknown[] | { error: string } {
  const list = Array.isArray(body)
    ? body
    : body !== null &&
        typeof body === 'object' &&
        Array.isArray((body as { items?: unknown }).items)
      ? (body as { items: unknown[] }).items
      : body !== null && typeof body === 'object'
        ? [body]
        : null;
  if (!list)
    return { error: 'the body must be a JSON object, an array of them, or {"items": [...]}' };
  if (list.length === 0) return { error: 'the body carries no records' };
  if (list.length > MAX_ITEMS) return { error: `at most ${MAX_ITEMS} records a request` };
  return list;
}

/** One record that could not be read, by its index in the request (0-based). */
export type RecordError = { item: number; error: string };

/**
 * Maps every record through the source's preset (the same mapping as file import). All or
 * nothing: a request with any bad record is refused whole, so a sender that fixes and resends
 * it does not have to work out which half already went in.
 */
export function mentionsOf(
  preset: Preset,
  records: readonly unknown[],
): { inputs: MentionInput[] } | { errors: RecordError[] } {
  const inputs: MentionInput[] = [];
  const errors: RecordError[] = [];
  records.forEach((rec, item) => {
    if (rec === null || typeof rec !== 'object' || Array.isArray(rec)) {
      errors.push({ item, error: 'each record must be a JSON object' });
      return;
    }
    const mapped = mapRecord(preset, (col) => readPath(rec, col));
    if ('error' in mapped) errors.push({ item, error: mapped.error });
    else inputs.push(mapped.input);
  });
  return errors.length > 0 ? { errors } : { inputs };
}
