import { parseYamlWithSchema, type YamlProblem } from '../yaml/parse-with-schema';
import { RoutingRulesSchema, type RoutingRules } from './routing-schema';

/** A routing rules file read: the rules, or every problem found with its line and column. */
export type ParsedRoutingRules =
  { ok: true; rules: RoutingRules } | { ok: false; problems: YamlProblem[] };

// A room's rules, topics and VIP list run to a few thousand lines; far past that is a mistake.
const MAX_BYTES = 1024 * 1024;

/** Reads a routing rules file's YAML and validates it (`file` only labels the problems). */
export function parseRoutingRules(text: string, file: string): ParsedRoutingRules {
  const r = parseYamlWithSchema(text, file, RoutingRulesSchema, MAX_BYTES);
  return r.ok ? { ok: true, rules: r.value } : r;
}
