import { parseYamlWithSchema, type YamlProblem } from '../../yaml/parse-with-schema';
import { VoiceRulesSchema, type VoiceRules } from './voice-schema';

/** A voice rules file read: the rules, or every problem found with its line and column. */
export type ParsedVoiceRules =
  { ok: true; rules: VoiceRules } | { ok: false; problems: YamlProblem[] };

// A brand's rules run to a few hundred phrases; a file far past that is a mistake.
const MAX_BYTES = 512 * 1024;

/** Reads a voice rules file's YAML and validates it (`file` only labels the problems). */
export function parseVoiceRules(text: string, file: string): ParsedVoiceRules {
  const r = parseYamlWithSchema(text, file, VoiceRulesSchema, MAX_BYTES);
  return r.ok ? { ok: true, rules: r.value } : r;
}
