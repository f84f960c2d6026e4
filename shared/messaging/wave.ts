import { z } from 'zod';
import { fillTemplate, variablesOf } from './template-variables';

/**
 * Wave answers: one approved text answers many near-duplicate mentions (shared/routing/
 * near-duplicates.ts), personalised per author so nobody gets a copy-pasted reply. The approved
 * text keeps {{author}} (and may keep {{case}}); each send fills them for its own mention, and
 * every station checks that the words sent are the approved text with exactly those values.
 */

/** The variables a wave fills per mention; every other variable is filled once, before approval. */
export const WAVE_VARIABLES = ['author', 'case'] as const;

/** What a wave send fills in for one mention. */
export const RecipientSchema = z
  .object({
    // A name or handle as the source gave it: one line, no braces (it cannot add a variable).
    author: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .regex(/^[^\n\r{}]*$/, 'one line, no braces'),
    case: z.string().regex(/^HL-[0-9A-Z]{6}$/, 'a case number like HL-3K9ZQ2'),
  })
  .strict();
/** One mention's values. */
export type Recipient = z.infer<typeof RecipientSchema>;

/**
 * A short case number for a mention, the same on every desk: FNV-1a of its id in base 36
 * ("HL-3K9ZQ2"). Mention ids are long (`twitter:980000000000000001`); people read this one out.
 */
export function caseNumber(mentionId: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < mentionId.length; i++) {
    h ^= mentionId.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `HL-${h.toString(36).toUpperCase().padStart(6, '0').slice(-6)}`;
}

/** The values a wave fills for a mention: its author's name (else handle) and its case number. */
export function recipientOf(mention: {
  id: string;
  author: { name?: string | undefined; handle: string };
}): Recipient {
  const name = mention.author.name?.trim() || mention.author.handle;
  const author =
    name
      .replace(/[\n\r{}]+/g, ' ')
      .trim()
      .slice(0, 100) || mention.author.handle;
  return { author, case: caseNumber(mention.id) };
}

/** Why a text cannot be a wave answer, or null when it can (other variables may wait). */
export function waveTextProblem(text: string): string | null {
  return variablesOf(text).includes('author')
    ? null
    : 'a wave answer names each author: put {{author}} in it';
}

/** Variables a wave answer still needs filled once, before it goes for approval or out. */
export function unfilledForWave(text: string): string[] {
  return variablesOf(text).filter((v) => !(WAVE_VARIABLES as readonly string[]).includes(v));
}

/** The words one mention of a wave gets: the approved text with its author and case filled. */
export function personalise(text: string, r: Recipient): { text: string; missing: string[] } {
  return fillTemplate(text, { author: r.author, case: r.case });
}
