import { z } from 'zod';
import {
  RouteMentionSchema,
  SetRoutingSchema,
  SetSlaSchema,
  type AssignedNotice,
  type SlaBreachNotice,
} from '../../../shared/contract/routing';
import { IdSchema } from '../../../shared/contract/common';
import { can } from '../../../shared/domain/permissions';
import type { StationCore } from '../core/core';
import { mentionsByIds } from '../db/queries/mention-reads';
import type { Applied } from '../ops/apply';
import {
  mentionRoutingView,
  rerouteMention,
  routingRulesView,
  setRoutingRules,
  setSlaTargets,
  slaTargetsView,
} from '../routing/routing-commands';
import type { DeskNamespace } from './desk-server';
import { NoInput, handler, type DeskHandlerMap } from './handler';

type RoutingCommandName =
  'routing.get' | 'routing.set' | 'sla.get' | 'sla.set' | 'mention.route' | 'mention.routing';

/** /desk handlers for routing rules, SLA targets and re-routing. */
export const routingHandlers: DeskHandlerMap<RoutingCommandName> = {
  'routing.get': handler({
    input: NoInput,
    permission: 'mention.read',
    run: ({ core }) => routingRulesView(core),
  }),
  'routing.set': handler({
    input: SetRoutingSchema,
    permission: 'routing.manage',
    run: ({ core, operator }, input) => setRoutingRules(core, operator.id, input.yaml),
  }),
  'sla.get': handler({
    input: NoInput,
    permission: 'mention.read',
    run: ({ core }) => slaTargetsView(core),
  }),
  'sla.set': handler({
    input: SetSlaSchema,
    permission: 'routing.manage',
    run: ({ core, operator }, input) => setSlaTargets(core, operator.id, input.targets),
  }),
  'mention.route': handler({
    input: RouteMentionSchema,
    permission: 'mention.route',
    run: async ({ core, operator }, input) => ({
      mention: await rerouteMention(core, operator.id, input),
    }),
  }),
  'mention.routing': handler({
    input: z.object({ mentionId: IdSchema }),
    permission: 'mention.read',
    run: async ({ core }, input) => ({ routing: await mentionRoutingView(core, input.mentionId) }),
  }),
};

/**
 * Tells the leads and admins at this station's desks when a breach takes effect (from this
 * station's scheduler or a peer's). Returns a function that stops it.
 */
export function pushSlaBreaches(core: StationCore, desk: DeskNamespace): () => void {
  const onApplied = (a: Applied) => {
    const ids = a.routing?.breached ?? [];
    if (ids.length === 0) return;
    void (async () => {
      const notices: SlaBreachNotice[] = (await mentionsByIds(core.read, ids)).map((m) => ({
        mentionId: m.id,
        due: new Date(m.sla?.due ?? 0).toISOString(),
        priority: m.priority,
        department: m.department,
        excerpt: m.text.slice(0, 140),
      }));
      for (const socket of desk.sockets.values())
        if (can(socket.data.operator.role, 'mention.override'))
          for (const n of notices) socket.emit('sla.breached', n);
    })().catch((err: unknown) => console.error('[desk] could not push a breach:', err));
  };
  core.on('applied', onApplied);
  return () => core.off('applied', onApplied);
}

/**
 * Tells operators at this station's desks when a mention is assigned to them (by the deciding
 * station here or at a peer), once the assignment took effect. Returns a function that stops it.
 */
export function pushAssignments(core: StationCore, desk: DeskNamespace): () => void {
  const onApplied = (a: Applied) => {
    const given = a.ops.filter((o) => o.type === 'mention.assign' && o.subject !== null);
    if (given.length === 0) return;
    void (async () => {
      const byId = new Map(
        (
          await mentionsByIds(
            core.read,
            given.map((o) => o.subject as string),
          )
        ).map((m) => [m.id, m]),
      );
      for (const op of given) {
        const m = byId.get(op.subject as string);
        const p = op.payload as { operator?: unknown; overflow?: unknown };
        // Only an assignment in force (an earlier claim may have won).
        if (!m || !m.claim || m.claim.operatorId !== p.operator) continue;
        const notice: AssignedNotice = {
          mentionId: m.id,
          priority: m.priority,
          department: m.department,
          overflow: p.overflow === true,
          excerpt: m.text.slice(0, 140),
        };
        for (const socket of desk.sockets.values())
          if (socket.data.operator.id === p.operator) socket.emit('mention.assigned', notice);
      }
    })().catch((err: unknown) => console.error('[desk] could not push an assignment:', err));
  };
  core.on('applied', onApplied);
  return () => core.off('applied', onApplied);
}
