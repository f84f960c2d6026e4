import { z } from 'zod';
import {
  RouteMentionSchema,
  SetRoutingSchema,
  SetSlaSchema,
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
