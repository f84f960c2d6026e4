import { LineCounter, isMap, isNode, isScalar, isSeq, parseDocument, type Document } from 'yaml';
import { PlaybookSchema, type Playbook } from './schema';

/** One problem in a playbook file, where it is. */
export type PlaybookProblem = { file: string; line: number; column: number; message: string };

/** A playbook file read: the playbook, or every problem found (file:line: message). */
export type ParsedPlaybook =
  { ok: true; playbook: Playbook } | { ok: false; problems: PlaybookProblem[] };

// A playbook is a page or two of YAML; anything much larger is not one.
const MAX_BYTES = 256 * 1024;

/** Formats a problem the way compilers do, so editors can jump to it. */
export function formatProblem(p: PlaybookProblem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.message}`;
}

/**
 * Reads a playbook's YAML and validates it: YAML syntax errors and schema problems alike come
 * back with the line and column they are about (the key or value at fault, or the nearest
 * enclosing one when something is missing).
 */
export function parsePlaybook(text: string, file: string): ParsedPlaybook {
  if (text.length > MAX_BYTES)
    return problems([
      { file, line: 1, column: 1, message: `the file is over ${MAX_BYTES / 1024} KB` },
    ]);
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => {
    const pos = lines.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  if (doc.errors.length > 0)
    return problems(
      doc.errors.map((e) => ({
        file,
        ...at(e.pos[0]),
        message: e.message.split('\n')[0] ?? e.message,
      })),
    );
  const result = PlaybookSchema.safeParse(doc.toJS());
  if (result.success) return { ok: true, playbook: result.data };
  return problems(
    result.error.issues.map((issue) => ({
      file,
      ...at(offsetOf(doc, issue.path as (string | number)[])),
      message: `${issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}${issue.message}`,
    })),
  );
}

function problems(list: PlaybookProblem[]): ParsedPlaybook {
  return { ok: false, problems: list.sort((a, b) => a.line - b.line || a.column - b.column) };
}

/** Where the node at `path` starts, or the deepest existing node on the way there. */
function offsetOf(doc: Document, path: (string | number)[]): number {
  let node: unknown = doc.contents;
  let offset = isNode(node) ? (node.range?.[0] ?? 0) : 0;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && p.key.value === key);
      if (!pair) break;
      // The key's own position reads best for a bad value ("due: soon" points at "due").
      if (isNode(pair.key) && pair.key.range) offset = pair.key.range[0];
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number') {
      const item: unknown = node.items[key];
      if (!isNode(item)) break;
      if (item.range) offset = item.range[0];
      node = item;
    } else break;
  }
  return offset;
}
