import { createHash } from 'node:crypto';

/**
 * The subject of every contact op about one pair of identifiers: all of a link's ops fold
 * together whatever order they arrive in. A hash, because two email addresses overflow an op's
 * 128-character subject; the reducer recomputes it from each payload and refuses a mismatch.
 */
export function linkSubjectOf(a: string, b: string): string {
  return `contact-link:${createHash('sha256').update(`${a}\n${b}`).digest('hex')}`;
}
