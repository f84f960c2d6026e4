import { z } from 'zod';
import { APPROVAL_AREAS, ApprovalAreaSchema } from '../../../shared/messaging/policy';
import { MESSAGE_PAYLOADS } from './message-payloads';
import { MentionInputSchema, SENTIMENT_LABELS } from '../../../shared/domain/mention';
import { DepartmentSchema, RoleSchema } from '../../../shared/domain/people';
import { RUN_PAYLOADS } from './run-payloads';
import { AlertRaisedV1 } from './alert-payloads';
import { STAFFING_PAYLOADS } from './staffing-payloads';
import { ROSTER_PAYLOADS } from './roster-payloads';
import { SkillsSchema } from '../../../shared/domain/roster';
import { RoomModeSchema } from '../../../shared/domain/room-mode';
import { ROUTING_PAYLOADS, RoutingEnrichmentV1 } from './routing-payloads';
import { RETRO_PAYLOADS } from '../../../shared/review/retrospective';
import { CONTACT_PAYLOADS } from '../../../shared/contacts/contact-ops';
import { RECOVERY_PAYLOADS } from './recovery-payloads';
import { PRIVACY_PAYLOADS } from './privacy-payloads';
import { STATION_PAYLOADS } from './station-payloads';
import { CLOSURE_PAYLOADS } from './closure-payloads';

/** room.create v1: the genesis op of a war room. */
export const RoomCreateV1 = z.object({
  roomId: z.string().min(1).max(64),
  name: z.string().min(1).max(120),
});

/** room.create v2: v1 and the room's mode (a drill room is made as one and stays one). */
export const RoomCreateV2 = RoomCreateV1.extend({ mode: z.enum(['live', 'drill']) });

/** room.create v3: v2 with the training mode. */
export const RoomCreateV3 = RoomCreateV1.extend({ mode: RoomModeSchema });

/** station.admit v1: a station becomes a member (its key vouches for its ops). */
export const StationAdmitV1 = z.object({
  stationId: z.string().min(1).max(64),
  publicKey: z.string().min(1).max(1000),
  name: z.string().min(1).max(120),
  /** The station's TLS certificate (PEM): peers pin it for station-to-station links. */
  tlsCert: z.string().max(4000).optional(),
});

/** room.join-code v1: a capability to admit a station, stored as a hash, with an expiry. */
export const JoinCodeV1 = z.object({
  codeHash: z.string().length(64),
  expiresAt: z.iso.datetime(),
});

/** operator.create v1: an account (the scrypt hash replicates so the operator can log in at any desk). */
export const OperatorCreateV1 = z.object({
  operatorId: z.string().min(1).max(64),
  username: z.string().min(1).max(64),
  displayName: z.string().min(1).max(120),
  role: RoleSchema,
  departments: z.array(DepartmentSchema).max(7),
  passwordHash: z.string().min(1).max(400),
  /** Approval areas (approvers; DECISIONS.md 11). Absent on accounts made before messaging. */
  areas: z.array(ApprovalAreaSchema).max(APPROVAL_AREAS.length).optional(),
  /** A surge account stops working at this time (DECISIONS.md 11); absent: never. */
  expiresAt: z.iso.datetime().optional(),
  /** Skills the account usually brings to a shift (its check-in suggests them). */
  skills: SkillsSchema.optional(),
});

/** operator.update v1: changes fields of an account; each field last-writer-wins by HLC. */
export const OperatorUpdateV1 = z.object({
  operatorId: z.string().min(1).max(64),
  displayName: z.string().min(1).max(120).optional(),
  role: RoleSchema.optional(),
  departments: z.array(DepartmentSchema).max(7).optional(),
  passwordHash: z.string().min(1).max(400).optional(),
  disabled: z.boolean().optional(),
  areas: z.array(ApprovalAreaSchema).max(APPROVAL_AREAS.length).optional(),
  /** With a passwordHash set by an admin: the account must choose a new password at next login. */
  mustChangePassword: z.boolean().optional(),
});

/** One mention of an ingest op, as it came in, with its enrichment computed once. */
export const IngestItemV2 = z.object({
  enrichment: z.object({
    language: z.string().min(2).max(8),
    /** Triage score 0–100 (shared/domain/priority.ts), fixed at ingest like the rest. */
    priority: z.number().int().min(0).max(100),
    sentiment: z.object({ label: z.enum(SENTIMENT_LABELS), score: z.number() }),
    /** Where the room's routing rules sent it, decided once at ingest (absent on older ops). */
    routing: RoutingEnrichmentV1.optional(),
  }),
  /** The record's line in its source file, for provenance. */
  line: z.number().int().optional(),
  mention: MentionInputSchema,
});
/** One ingested mention. */
export type IngestItem = z.infer<typeof IngestItemV2>;
/** An item whose personal data was erased: only its hash stays, so the chain still verifies. */
export const ErasedItem = z.object({ erased: z.string().regex(/^[0-9a-f]{64}$/) });

/**
 * mention.ingest v2: a batch of mentions from one source. One op carries up to a few hundred
 * mentions (one chain link, one hash over the item hashes, at most one signature), so a large
 * import costs the log a row per batch, not per mention. Each item hashes on its own
 * (payloadHashOf), so one mention can later be erased without breaking the chain.
 */
export const MentionIngestV2 = z.object({
  items: z
    .array(z.union([IngestItemV2, ErasedItem]))
    .min(1)
    .max(5000),
  source: z.object({
    connector: z.enum(['csv', 'jsonl', 'manual', 'webhook', 'rss', 'watch-folder', 'imap']),
    /** The configured connector (connectors.yaml id) a webhook, feed or mailbox came through. */
    connectorId: z.string().max(64).optional(),
    enteredBy: z.string().max(64).optional(),
    importId: z.string().max(64).optional(),
    note: z.string().max(2000).optional(),
  }),
});
/** The payload of mention.ingest. */
export type MentionIngest = z.infer<typeof MentionIngestV2>;
/** Where an ingest batch came from. */
export type IngestSource = MentionIngest['source'];

/** mention.claim v1: names the claim state it saw (basis) and its lease. */
export const MentionClaimV1 = z.object({
  basis: z.string().max(128).nullable(),
  leaseMs: z.number().int().min(1000).max(86_400_000),
});
/** claim.expired v1: the scheduler ends a lease nobody renewed. */
export const ClaimExpiredV1 = z.object({ claimOp: z.string().length(64) });
/** Status ops carry no data beyond who and when. */
export const EmptyV1 = z.object({}).strict();
/** mention.reopen v1. */
export const MentionReopenV1 = z.object({ reason: z.string().max(500).optional() });

/** The payload schema of every known op type at its version. */
export const PAYLOADS: Record<string, Record<number, z.ZodType>> = {
  'room.create': { 1: RoomCreateV1, 2: RoomCreateV2, 3: RoomCreateV3 },
  'station.admit': { 1: StationAdmitV1 },
  'room.join-code': { 1: JoinCodeV1 },
  'operator.create': { 1: OperatorCreateV1 },
  'operator.update': { 1: OperatorUpdateV1 },
  'mention.ingest': { 2: MentionIngestV2 },
  'mention.claim': { 1: MentionClaimV1 },
  'mention.release': { 1: EmptyV1 },
  'mention.answer': { 1: EmptyV1 },
  'mention.close': { 1: EmptyV1 },
  'mention.ignore': { 1: EmptyV1 },
  'mention.reopen': { 1: MentionReopenV1 },
  'claim.expired': { 1: ClaimExpiredV1 },
  ...RUN_PAYLOADS,
  ...MESSAGE_PAYLOADS,
  ...ROSTER_PAYLOADS,
  'alert.raised': { 1: AlertRaisedV1 },
  ...STAFFING_PAYLOADS,
  ...ROUTING_PAYLOADS,
  ...RETRO_PAYLOADS,
  ...CONTACT_PAYLOADS,
  ...RECOVERY_PAYLOADS,
  ...PRIVACY_PAYLOADS,
  ...STATION_PAYLOADS,
  ...CLOSURE_PAYLOADS,
};

/** Op types whose effect is on people and the room. */
export const PEOPLE_OPS = [
  'room.create',
  'station.admit',
  'room.join-code',
  'operator.create',
  'operator.update',
] as const;
