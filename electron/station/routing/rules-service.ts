import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Sql } from '../db/connection';
import { roomConfig } from '../db/queries/routing';
import { findResourceDir } from '../core/resources';
import type { Department } from '../../../shared/domain/people';
import type { MentionInput } from '../../../shared/domain/mention';
import { customerHistoryOf } from '../contacts/contact-reader';
import type { RoutingContext } from '../../../shared/routing/routing-rules';
import type { CompiledRouting } from '../../../shared/routing/routing-rules';
import {
  NearDuplicateSettingsSchema,
  type NearDuplicateSettings,
  type Overflow,
  type RoutingRules,
} from '../../../shared/routing/routing-schema';
import { parseRoutingRules } from '../../../shared/routing/parse-routing-rules';
import {
  compileRules,
  routerOf,
  type IngestRouter,
  type IngestRoutingRules,
} from './ingest-router';

/** The routing rules in force and where they come from. */
export type RulesInForce = IngestRoutingRules & {
  source: 'default' | 'room';
  /** The routing.set op in force (room rules only). */
  opId: string | null;
  setBy: string | null;
  setAt: string | null;
};

let defaultYaml: string | null = null;

/** The bundled default rules (resources/routing/default.yaml). */
export function defaultRoutingYaml(): string {
  if (defaultYaml === null) {
    const dir = findResourceDir('routing', 'HOLDLINE_ROUTING_DIR');
    if (!dir) throw new Error('the bundled routing rules (resources/routing) are missing');
    defaultYaml = readFileSync(path.join(dir, 'default.yaml'), 'utf8');
  }
  return defaultYaml;
}

/** The room's routing rules in force: its latest valid routing.set, else the bundled default. */
export async function rulesInForce(sql: Sql): Promise<RulesInForce> {
  const row = await roomConfig(sql, 'routing');
  if (!row)
    return {
      yaml: defaultRoutingYaml(),
      file: 'default.yaml',
      source: 'default',
      opId: null,
      setBy: null,
      setAt: null,
    };
  return {
    yaml: row.value,
    file: 'room routing rules',
    source: 'room',
    opId: row.op_id,
    setBy: row.actor,
    setAt: row.hlc,
  };
}

/**
 * An author's history in the room, from the database (manual entries, single mentions): the
 * mentions of their customer across channels (contacts/contact-reader.ts), not of one handle.
 */
export async function authorHistoryOf(
  sql: Sql,
  mention: Pick<MentionInput, 'channel' | 'author'>,
): Promise<RoutingContext> {
  const h = await customerHistoryOf(sql, mention);
  return {
    authorPriorMentions: h.mentions,
    authorLastDepartment: h.lastDepartment as Department | null,
  };
}

// The rules compiled, by their text: parsing and compiling the default file takes milliseconds.
let compiled: { yaml: string; rules: CompiledRouting } | null = null;

/**
 * A router for one mention entered at this station (manual entry, a webhook): the rules in force,
 * the author's customer's history from the database.
 */
export async function routerForOne(
  sql: Sql,
  mention: Pick<MentionInput, 'channel' | 'author'>,
): Promise<IngestRouter> {
  const rules = await rulesInForce(sql);
  if (compiled?.yaml !== rules.yaml) compiled = { yaml: rules.yaml, rules: compileRules(rules) };
  const history = await authorHistoryOf(sql, mention);
  return routerOf(compiled.rules, () => history);
}

// The rules in force as parsed, by their text (null when they do not parse).
let parsedOf: { yaml: string; rules: RoutingRules | null } | null = null;

async function parsedRulesInForce(sql: Sql): Promise<RoutingRules | null> {
  const rules = await rulesInForce(sql);
  if (parsedOf?.yaml !== rules.yaml) {
    const parsed = parseRoutingRules(rules.yaml, rules.file);
    parsedOf = { yaml: rules.yaml, rules: parsed.ok ? parsed.rules : null };
  }
  return parsedOf.rules;
}

/** The overflow between departments the rules in force allow (none when they do not parse). */
export async function overflowInForce(sql: Sql): Promise<Overflow[]> {
  return (await parsedRulesInForce(sql))?.overflow ?? [];
}

/** How alike two mentions must be to count as one wave (the rules' nearDuplicates). */
export async function nearDuplicateSettingsInForce(sql: Sql): Promise<NearDuplicateSettings> {
  return (await parsedRulesInForce(sql))?.nearDuplicates ?? NearDuplicateSettingsSchema.parse({});
}
