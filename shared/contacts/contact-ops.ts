import { z } from 'zod';
import { IdentifierSchema } from './identifiers';

/** Why two customers were put together: the weaker signal an operator confirmed, or their own call. */
export const MERGE_SIGNALS = ['name-location', 'reply-thread', 'operator'] as const;
/** One of those signals. */
export type MergeSignal = (typeof MERGE_SIGNALS)[number];

const HEX64 = /^[0-9a-f]{64}$/;

// A link op names the two customers by identifiers, never by a station's local ids, so it means
// the same on every station; `a` sorts before `b`, so the same link is written one way only.
const Pair = z
  .object({ a: IdentifierSchema, b: IdentifierSchema })
  .refine((p) => p.a < p.b, { message: 'a link names its two identifiers in sorted order' });

/** contact.merge v1: an operator confirms that the customers of `a` and `b` are one. */
export const ContactMergeV1 = z
  .object({
    a: IdentifierSchema,
    b: IdentifierSchema,
    signal: z.enum(MERGE_SIGNALS),
    /** Mentions that showed it (the same name and place, the reply), for the record. */
    evidence: z.array(z.string().min(1).max(128)).max(4).default([]),
  })
  .strict()
  .refine((p) => p.a < p.b, { message: 'a link names its two identifiers in sorted order' });

/** contact.unmerge v1: undoes one merge of this pair (named by its op), and only that link. */
export const ContactUnmergeV1 = z
  .object({
    a: IdentifierSchema,
    b: IdentifierSchema,
    mergeOp: z.string().regex(HEX64),
  })
  .strict()
  .refine((p) => p.a < p.b, { message: 'a link names its two identifiers in sorted order' });

/** contact.dismiss v1: a suggested merge is not the same customer; stop suggesting it. */
export const ContactDismissV1 = z
  .object({ a: IdentifierSchema, b: IdentifierSchema, signal: z.enum(MERGE_SIGNALS) })
  .strict()
  .refine((p) => p.a < p.b, { message: 'a link names its two identifiers in sorted order' });

/** The payload schemas of contact ops, by type and version. */
export const CONTACT_PAYLOADS: Record<string, Record<number, z.ZodType>> = {
  'contact.merge': { 1: ContactMergeV1 },
  'contact.unmerge': { 1: ContactUnmergeV1 },
  'contact.dismiss': { 1: ContactDismissV1 },
};

/** Op types about links between customers (their subject is the link: contactLinkSubject). */
export const CONTACT_OPS = Object.keys(CONTACT_PAYLOADS);

/** The two identifiers of any contact op's payload, when it has them. */
export function pairOfPayload(payload: unknown): { a: string; b: string } | null {
  const p = Pair.safeParse(
    typeof payload === 'object' && payload !== null
      ? { a: (payload as { a?: unknown }).a, b: (payload as { b?: unknown }).b }
      : null,
  );
  return p.success ? p.data : null;
}
