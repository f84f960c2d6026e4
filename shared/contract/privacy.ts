import { z } from 'zod';
import { ChannelSchema } from '../domain/mention';
import {
  RetentionRulesSchema,
  type RetentionCutoffs,
  type RetentionRules,
} from '../privacy/retention';
import type { Ack } from './common';

/**
 * Whose data an erasure is about: the author of mentions on one channel (their handle as it
 * shows), and with `customer` every identifier linked to them on every channel (email and phone
 * included; shared/contacts).
 */
export const ErasureTargetSchema = z
  .object({
    channel: ChannelSchema,
    handle: z.string().trim().min(1, 'name the author').max(256),
    customer: z.boolean().default(false),
  })
  .strict();
/** An erasure's target as a desk sends it. */
export type ErasureTarget = z.infer<typeof ErasureTargetSchema>;

/** An erasure request: the target and the request's reference (a ticket number, never the person's name). */
export const ErasureRequestSchema = ErasureTargetSchema.extend({
  reference: z.string().trim().min(1, 'give the request a reference').max(200),
}).strict();

/** What an erasure would take, before it is requested (counted on this station). */
export type ErasurePreview = {
  /** Mentions of the person held here. */
  mentions: number;
  /** Identifiers of the person (handles on each channel, email addresses, phone numbers). */
  identifiers: number;
  /** Channels their mentions came on. */
  channels: string[];
  /** Other ops whose payload would be withheld (replies to them, notes, customer links). */
  withheld: number;
  /** Backups of this station taken before now: they still hold the data until they expire. */
  backupsBefore: number;
};

/** One erasure as desks list it (no handle or text of the person: only counts and a reference). */
export type ErasureView = {
  id: string;
  requestedBy: string;
  requestedAt: string;
  reference: string;
  identifiers: number;
  /** Mentions the requesting station counted. */
  requestedItems: number;
  effect: 'applied' | 'refused';
  reason: string | null;
  /** What it erased on this station so far (late arrivals add to it). */
  here: { items: number; withheld: number; lastAt: string | null };
  /** Backups of this station taken before the erasure (they still hold the data). */
  backupsBefore: number;
  /** The room's stations: which have confirmed they applied it and scrubbed their files. */
  stations: ErasureStationView[];
};

/** One station's progress on an erasure (from its erasure.applied op, once it arrives here). */
export type ErasureStationView = {
  stationId: string;
  name: string;
  /** When it confirmed; null while it has not (or its confirmation has not arrived yet). */
  confirmedAt: string | null;
  items: number;
  withheld: number;
};

/** The room's retention as desks see it. */
export type RetentionView = {
  rules: RetentionRules;
  setBy: string | null;
  setAt: string | null;
  /** What sweeps have applied so far (data that happened before these is gone). */
  applied: RetentionCutoffs;
  /** Mentions erased by retention on this station so far. */
  erasedHere: number;
};

/** Erasure and retention commands on /desk (admins only, but erasure.list for leads too). */
export type PrivacyCommands = {
  'erasure.preview': (input: z.input<typeof ErasureTargetSchema>, ack: Ack<ErasurePreview>) => void;
  'erasure.request': (
    input: z.input<typeof ErasureRequestSchema>,
    ack: Ack<{ erasure: ErasureView }>,
  ) => void;
  'erasure.list': (input: Record<string, never>, ack: Ack<{ erasures: ErasureView[] }>) => void;
  'retention.get': (input: Record<string, never>, ack: Ack<RetentionView>) => void;
  'retention.set': (input: z.input<typeof RetentionRulesSchema>, ack: Ack<RetentionView>) => void;
};
