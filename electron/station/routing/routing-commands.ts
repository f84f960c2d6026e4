import type { z } from 'zod';
import type {
  MentionRoutingView,
  RouteMentionSchema,
  RoutingRulesView,
  SlaTargetsView,
} from '../../../shared/contract/routing';
import type { Mention } from '../../../shared/domain/mention';
import type { Department } from '../../../shared/domain/people';
import { parseRoutingRules } from '../../../shared/routing/parse-routing-rules';
import type { SlaTargets } from '../../../shared/routing/sla';
import { hlcToIso } from '../../../shared/sync/hlc';
import type { StationCore } from '../core/core';
import { effectOf } from '../db/queries/effects';
import { mentionById } from '../db/queries/mention-reads';
import { roomConfig, slaTargetsOf } from '../db/queries/routing';
import { CommandError } from '../mentions/commands';
import type { RoutingEnrichment } from '../ops/routing-payloads';
import { ROUTING_SUBJECT, SLA_SUBJECT } from '../ops/routing-payloads';
import { rulesInForce } from './rules-service';

/** The routing rules in force, as the admin's editor shows them. */
export async function routingRulesView(core: StationCore): Promise<RoutingRulesView> {
  const r = await rulesInForce(core.read);
  return { yaml: r.yaml, source: r.source, setBy: r.setBy, setAt: r.setAt && hlcToIso(r.setAt) };
}

/** Sets the room's routing rules; refuses YAML that does not parse, naming every problem by line. */
export async function setRoutingRules(
  core: StationCore,
  actor: string,
  yaml: string,
): Promise<RoutingRulesView> {
  const parsed = parseRoutingRules(yaml, 'routing rules');
  if (!parsed.ok)
    throw new CommandError(
      'invalid',
      parsed.problems.map((p) => `line ${p.line}: ${p.message}`).join('\n'),
    );
  await commitChecked(core, {
    type: 'routing.set',
    v: 1,
    actor,
    subject: ROUTING_SUBJECT,
    payload: { yaml },
  });
  return routingRulesView(core);
}

/** The SLA targets in force. */
export async function slaTargetsView(core: StationCore): Promise<SlaTargetsView> {
  const row = await roomConfig(core.read, 'sla');
  return { targets: await slaTargetsOf(core.read), source: row ? 'room' : 'default' };
}

/** Sets the room's SLA targets. */
export async function setSlaTargets(
  core: StationCore,
  actor: string,
  targets: SlaTargets,
): Promise<SlaTargetsView> {
  await commitChecked(core, {
    type: 'sla.set',
    v: 1,
    actor,
    subject: SLA_SUBJECT,
    payload: { targets },
  });
  return slaTargetsView(core);
}

/** Re-routes a mention by hand (leads and admins; the fold checks the role again). */
export async function rerouteMention(
  core: StationCore,
  actor: string,
  input: z.output<typeof RouteMentionSchema>,
): Promise<Mention> {
  if (!(await mentionById(core.read, input.mentionId)))
    throw new CommandError('not-found', `no mention with id ${input.mentionId}`);
  const { mentionId, ...payload } = input;
  await commitChecked(core, { type: 'mention.route', v: 1, actor, subject: mentionId, payload });
  const m = await mentionById(core.read, mentionId);
  if (!m) throw new CommandError('not-found', `no mention with id ${mentionId}`);
  return m;
}

/** How a mention was routed and re-routed. */
export async function mentionRoutingView(
  core: StationCore,
  mentionId: string,
): Promise<MentionRoutingView> {
  const row = await core.read.get<{
    department: string | null;
    priority: number;
    routing: string | null;
    route_by: string | null;
    route_by_name: string | null;
    route_hlc: string | null;
    route_reason: string | null;
    sla_breach_hlc: string | null;
  }>(
    // What routing decided at ingest is read from the mention's item in its ingest op (0013).
    `SELECT m.department, m.priority, m.route_by, o.display_name AS route_by_name,
       m.route_hlc, m.route_reason, m.sla_breach_hlc,
       (SELECT j.value -> '$.enrichment.routing'
        FROM ops i, json_each(i.payload, '$.items') j
        WHERE i.id = m.source_op AND j.value ->> '$.mention.channel' = m.channel
          AND j.value ->> '$.mention.externalId' = m.external_id) AS routing
     FROM mentions m LEFT JOIN operators o ON o.id = m.route_by WHERE m.id = ?`,
    [mentionId],
  );
  if (!row) throw new CommandError('not-found', `no mention with id ${mentionId}`);
  const r = row.routing === null ? null : (JSON.parse(row.routing) as RoutingEnrichment);
  return {
    mentionId,
    department: row.department,
    priority: row.priority,
    atIngest: r && { ...r, department: r.department as Department | null },
    reroute:
      row.route_by && row.route_hlc
        ? {
            by: row.route_by,
            byName: row.route_by_name ?? row.route_by,
            at: hlcToIso(row.route_hlc),
            reason: row.route_reason ?? '',
          }
        : null,
    breach: row.sla_breach_hlc ? { at: hlcToIso(row.sla_breach_hlc) } : null,
  };
}

/** Commits one op and refuses the command when its own fold refused it. */
async function commitChecked(core: StationCore, draft: Parameters<StationCore['commit']>[0][0]) {
  const applied = await core.commit([draft]);
  const effect = await effectOf(core.db, applied.ops[0]?.id as string);
  if (effect && effect.effect !== 'applied')
    throw new CommandError('forbidden', effect.reason ?? 'refused');
}
