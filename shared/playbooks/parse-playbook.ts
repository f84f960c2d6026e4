import { formatProblem, parseYamlWithSchema, type YamlProblem } from '../yaml/parse-with-schema';
import { PlaybookSchema, type Playbook } from './schema';

/** One problem in a playbook file, where it is. */
export type PlaybookProblem = YamlProblem;

/** A playbook file read: the playbook, or every problem found (file:line: message). */
export type ParsedPlaybook =
  { ok: true; playbook: Playbook } | { ok: false; problems: PlaybookProblem[] };

// A playbook is a page or two of YAML; anything much larger is not one.
const MAX_BYTES = 256 * 1024;

/** Formats a problem the way compilers do, so editors can jump to it. */
export { formatProblem };

/**
 * Reads a playbook's YAML and validates it: YAML syntax errors and schema problems alike come
 * back with the line and column they are about (the key or value at fault, or the nearest
 * enclosing one when something is missing).
 */
export function parsePlaybook(text: string, file: string): ParsedPlaybook {
  const r = parseYamlWithSchema(text, file, PlaybookSchema, MAX_BYTES);
  return r.ok ? { ok: true, playbook: r.value } : r;
}
