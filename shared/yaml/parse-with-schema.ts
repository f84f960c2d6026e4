import { LineCounter, isMap, isNode, isScalar, isSeq, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';

/** One problem in a YAML file, where it is. */
export type YamlProblem = { file: string; line: number; column: number; message: string };

/** A YAML file read against a schema: the parsed value, or every problem found. */
export type ParsedYaml<T> = { ok: true; value: T } | { ok: false; problems: YamlProblem[] };

/** Formats a problem the way compilers do (file:line:column: message), so editors can jump to it. */
export function formatProblem(p: YamlProblem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.message}`;
}

/**
 * Reads YAML text and validates it with a zod schema: YAML syntax errors and schema problems
 * alike come back with the line and column they are about (the key or value at fault, or the
 * nearest enclosing one when something is missing). Duplicate keys are refused, and text over
 * `maxBytes` is refused before parsing (hand-edited config files are small; a huge one is not one).
 */
export function parseYamlWithSchema<S extends z.ZodType>(
  text: string,
  file: string,
  schema: S,
  maxBytes: number,
): ParsedYaml<z.output<S>> {
  if (text.length > maxBytes)
    return problems([
      { file, line: 1, column: 1, message: `the file is over ${maxBytes / 1024} KB` },
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
  const result = schema.safeParse(doc.toJS());
  if (result.success) return { ok: true, value: result.data };
  return problems(
    result.error.issues.map((issue) => ({
      file,
      ...at(offsetOf(doc, issue.path as (string | number)[])),
      message: `${issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}${messageOf(issue)}`,
    })),
  );
}

/** An issue's message; for a bad map key, the key's own problem, not "Invalid key in record". */
function messageOf(issue: z.core.$ZodIssue): string {
  return (issue.code === 'invalid_key' ? issue.issues[0]?.message : undefined) ?? issue.message;
}

function problems(list: YamlProblem[]): { ok: false; problems: YamlProblem[] } {
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
