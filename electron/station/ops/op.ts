import { z } from 'zod';
import { isHlc } from '../../../shared/sync/hlc';

/** An op as stored and replicated (ARCHITECTURE.md "Data: an op log"; DECISIONS.md 1). */
export type Op = {
  id: string;
  origin: string;
  seq: number;
  hlc: string;
  actor: string;
  type: string;
  v: number;
  /** Canonical payload; null when withheld (a stub in a redacted export). */
  payload: unknown;
  payloadHash: string;
  /** Id of this origin's previous op; null for its first. */
  prev: string | null;
  /** Ed25519 over `id`, present on the last op of each committed batch. */
  sig: string | null;
  /** What the op is about (mention id, operator id, 'room'…), for folding. */
  subject: string | null;
  /**
   * The payload's canonical JSON when this station already made it (saves re-serialising): text,
   * or its UTF-8 bytes as an import worker hands them over (see ingest-draft.ts).
   */
  payloadJson?: PayloadJson;
  /** How many mentions an ingest payload carries, when this station packed it (saves reading it). */
  payloadItems?: number;
};

/** A payload's canonical JSON, as text or as its UTF-8 bytes. */
export type PayloadJson = string | Buffer;

/** What a caller hands the log: the op before it gets its place in the chain. */
export type OpDraft = {
  type: string;
  v: number;
  actor: string;
  payload: unknown;
  subject: string | null;
  /** Canonical JSON and hash of the payload, when worked out ahead (off the commit's path). */
  payloadJson?: PayloadJson;
  payloadHash?: string;
  payloadItems?: number;
};

const HEX64 = /^[0-9a-f]{64}$/;

/** Schema of an op arriving from outside (a peer, an export): checked before anything else. */
export const OpSchema = z.object({
  id: z.string().regex(HEX64),
  origin: z.string().min(1).max(64),
  seq: z.number().int().min(1),
  hlc: z.string().max(128).refine(isHlc, 'malformed HLC'),
  actor: z.string().min(1).max(128),
  type: z.string().regex(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/),
  v: z.number().int().min(1).max(1000),
  payload: z.unknown(),
  payloadHash: z.string().regex(HEX64),
  prev: z.string().regex(HEX64).nullable(),
  sig: z.string().max(200).nullable(),
  subject: z.string().max(128).nullable(),
});

/** The actor recorded for ops the station makes by itself (scheduler, genesis). */
export const SYSTEM_ACTOR = 'system';
