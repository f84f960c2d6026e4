import { z } from 'zod';
import { RetentionRulesSchema } from '../../../shared/privacy/retention';

const HEX64 = /^[0-9a-f]{64}$/;

/** The subject of erasure.request ops is the erasure's id; of retention ops, this. */
export const RETENTION_SUBJECT = 'retention';

/**
 * erasure.request v1: erase one person's data on every station. It names the person only by
 * salted hashes of their identifiers (electron/station/privacy/erasure-keys.ts), never by handle
 * or text. Every ingested mention of theirs that happened up to `cutoff` (the request time) is
 * erased wherever and whenever it arrives; a later mention of theirs is new data and is kept.
 */
export const ErasureRequestV1 = z
  .object({
    erasureId: z.string().regex(/^[0-9a-f]{32}$/),
    keys: z.array(z.string().regex(HEX64)).min(1).max(500),
    /**
     * Salted hashes (128 bits) of the ids of the person's mentions the requester held, up to
     * 5,000: replies and notes about them are withheld even where the mention itself arrived
     * already erased.
     */
    mentions: z
      .array(z.string().regex(/^[0-9a-f]{32}$/))
      .max(5000)
      .optional(),
    cutoff: z.iso.datetime(),
    reference: z.string().trim().min(1).max(200),
    /** Mentions the requesting station counted (for the record). */
    items: z.number().int().min(0),
  })
  .strict();
/** The payload of erasure.request. */
export type ErasureRequest = z.infer<typeof ErasureRequestV1>;

/** retention.set v1: the room's retention rules (last admin's op by HLC wins). */
export const RetentionSetV1 = RetentionRulesSchema;

/**
 * retention.sweep v1: a station applies the rules at its record time. Every station applies the
 * latest allowed cutoff of all sweeps it holds, so stations holding the same ops hold the same
 * data (the cutoff is in the op, not read from each station's clock).
 */
export const RetentionSweepV1 = z
  .object({
    mentionsBefore: z.iso.datetime().nullable(),
    contactsBefore: z.iso.datetime().nullable(),
  })
  .strict();

/**
 * erasure.applied v1: a station confirms it applied an erasure and scrubbed its files (what it
 * erased and withheld by then), so the record shows which desks have done it. No effect.
 */
export const ErasureAppliedV1 = z
  .object({
    erasureId: z.string().regex(/^[0-9a-f]{32}$/),
    items: z.number().int().min(0),
    withheld: z.number().int().min(0),
  })
  .strict();

/** Payload schemas of erasure and retention ops (merged into PAYLOADS). */
export const PRIVACY_PAYLOADS: Record<string, Record<number, z.ZodType>> = {
  'erasure.request': { 1: ErasureRequestV1 },
  'erasure.applied': { 1: ErasureAppliedV1 },
  'retention.set': { 1: RetentionSetV1 },
  'retention.sweep': { 1: RetentionSweepV1 },
};

/**
 * Op types whose payload an erasure may withhold (a station relays them as stubs: payload null,
 * hash kept). Room, people, erasure and retention ops are never withheld.
 */
export const WITHHOLDABLE_OPS = new Set([
  'mention.reopen',
  'message.draft',
  'message.send',
  'contact.merge',
  'contact.unmerge',
  'contact.dismiss',
  'retro.pin',
  'retro.annotate',
]);
