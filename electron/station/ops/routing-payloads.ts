import { z } from 'zod';
import { DepartmentSchema } from '../../../shared/domain/people';
import { SlaTargetsSchema } from '../../../shared/routing/sla';

/** What routing decided for a mention at ingest, carried in the ingest item's enrichment. */
export const RoutingEnrichmentV1 = z.object({
  department: DepartmentSchema.nullable(),
  priority: z.number().int().min(0).max(100),
  skills: z.array(z.string().max(64)).max(50),
  tags: z.array(z.string().max(64)).max(50),
  /** One line per matching rule: "Legal threat: topic legal ('lawyer*')". */
  why: z.array(z.string().max(1000)).max(100),
});
/** Routing recorded at ingest. */
export type RoutingEnrichment = z.infer<typeof RoutingEnrichmentV1>;

/** routing.set v1: the room's routing rules as YAML (subject 'routing'; latest HLC wins). */
export const RoutingSetV1 = z.object({ yaml: z.string().max(1024 * 1024) });

/** sla.set v1: the room's first-response targets (subject 'sla'; latest HLC wins). */
export const SlaSetV1 = z.object({ targets: SlaTargetsSchema });

/** mention.route v1: a lead re-routes a mention by hand; the latest by HLC wins over ingest. */
export const MentionRouteV1 = z.object({
  department: DepartmentSchema,
  priority: z.number().int().min(0).max(100).optional(),
  reason: z.string().trim().min(1).max(500),
});

/** sla.breached v1: a mention passed its first-response due time unanswered (subject: mention). */
export const SlaBreachedV1 = z.object({
  mentionId: z.string().min(1).max(400),
  /** The due time that passed, epoch ms. */
  due: z.number().int(),
});

/** mention.assign v1: the mention given to an operator as their claim (subject: mention). */
export const MentionAssignV1 = z.object({
  operator: z.string().min(1).max(128),
  /** Whose queue it came from: its own department's, or an overflow department's. */
  department: DepartmentSchema,
  overflow: z.boolean(),
  leaseMs: z.number().int().min(1000).max(86_400_000),
});
/** What an assignment op carries. */
export type MentionAssign = z.infer<typeof MentionAssignV1>;

/** The subject of routing.set ops. */
export const ROUTING_SUBJECT = 'routing';
/** The subject of sla.set ops. */
export const SLA_SUBJECT = 'sla';

/** Op types of routing and SLA. */
export const ROUTING_OPS = ['routing.set', 'sla.set', 'mention.route', 'sla.breached'] as const;
/** Op types that change one mention's routing or SLA (subject: the mention). */
export const MENTION_ROUTING_OPS = ['mention.route', 'sla.breached'] as const;

/** Payload schemas of routing and SLA ops. */
export const ROUTING_PAYLOADS: Record<string, Record<number, z.ZodType>> = {
  'routing.set': { 1: RoutingSetV1 },
  'sla.set': { 1: SlaSetV1 },
  'mention.route': { 1: MentionRouteV1 },
  'sla.breached': { 1: SlaBreachedV1 },
  // Folded with the mention's claims (shared/domain/mention-state.ts).
  'mention.assign': { 1: MentionAssignV1 },
};
