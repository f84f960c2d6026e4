import { z } from 'zod';
import type { Mention } from '../domain/mention';
import { DepartmentSchema, type Department } from '../domain/people';
import { SlaTargetsSchema, type SlaTargets } from '../routing/sla';
import { IdSchema, type Ack } from './common';

/** Sets the room's routing rules (YAML; the station refuses it with its problems by line). */
export const SetRoutingSchema = z.object({ yaml: z.string().max(1024 * 1024) });
/** Sets the room's SLA targets. */
export const SetSlaSchema = z.object({ targets: SlaTargetsSchema });
/** Re-routes a mention by hand. */
export const RouteMentionSchema = z.object({
  mentionId: IdSchema,
  department: DepartmentSchema,
  priority: z.number().int().min(0).max(100).optional(),
  reason: z.string().trim().min(1, 'say why').max(500),
});

/** The routing rules in force. */
export type RoutingRulesView = {
  yaml: string;
  source: 'default' | 'room';
  setBy: string | null;
  setAt: string | null;
};

/** The SLA targets in force. */
export type SlaTargetsView = { targets: SlaTargets; source: 'default' | 'room' };

/** How a mention was routed, for its pane. */
export type MentionRoutingView = {
  mentionId: string;
  department: string | null;
  priority: number;
  /** What ingest routing decided (null: ingested before routing, or not routed). */
  atIngest: {
    department: Department | null;
    priority: number;
    skills: string[];
    tags: string[];
    why: string[];
  } | null;
  /** A lead's re-route in force. */
  reroute: { by: string; byName: string; at: string; reason: string } | null;
  breach: { at: string } | null;
};

/** A breach notice for leads and admins. */
export type SlaBreachNotice = {
  mentionId: string;
  due: string;
  priority: number;
  department: string | null;
  excerpt: string;
};

/** A mention the room's assigner gave an operator (sent to that operator's desks). */
export type AssignedNotice = {
  mentionId: string;
  priority: number;
  department: string | null;
  /** Whether it came from another department's queue (overflow). */
  overflow: boolean;
  excerpt: string;
};

/** Routing and SLA commands on /desk. */
export type RoutingCommands = {
  'routing.get': (input: Record<string, never>, ack: Ack<RoutingRulesView>) => void;
  /** Refused ('invalid') with every problem of the YAML, by line. */
  'routing.set': (input: z.input<typeof SetRoutingSchema>, ack: Ack<RoutingRulesView>) => void;
  'sla.get': (input: Record<string, never>, ack: Ack<SlaTargetsView>) => void;
  'sla.set': (input: z.input<typeof SetSlaSchema>, ack: Ack<SlaTargetsView>) => void;
  'mention.route': (
    input: z.input<typeof RouteMentionSchema>,
    ack: Ack<{ mention: Mention }>,
  ) => void;
  'mention.routing': (
    input: { mentionId: string },
    ack: Ack<{ routing: MentionRoutingView }>,
  ) => void;
};

/** Routing and SLA events on /desk. */
export type RoutingEvents = {
  /** A mention passed its first-response target unanswered (sent to leads and admins). */
  'sla.breached': (notice: SlaBreachNotice) => void;
  /** A mention was assigned to you (it is now your claim). */
  'mention.assigned': (notice: AssignedNotice) => void;
};
