import { z } from 'zod';
import { parseYamlWithSchema, type YamlProblem } from '../yaml/parse-with-schema';
import { MESSAGE_KINDS } from './policy';

/** A variable in a template: {{name}}. */
const VARIABLE = /\{\{\s*([a-z][a-z0-9_]*)\s*\}\}/gi;

/** The variables a text uses, in order of first use. */
export function variablesOf(text: string): string[] {
  return [...new Set([...text.matchAll(VARIABLE)].map((m) => (m[1] as string).toLowerCase()))];
}

/**
 * Fills a template's variables; a variable with no value is left as {{name}} and listed in
 * `missing`, so the composer can point at it instead of sending a reply with a hole in it.
 */
export function fillTemplate(
  text: string,
  values: Readonly<Record<string, string | undefined>>,
): { text: string; missing: string[] } {
  const missing = new Set<string>();
  const filled = text.replace(VARIABLE, (whole, name: string) => {
    const v = values[name.toLowerCase()];
    if (v === undefined || v.trim() === '') {
      missing.add(name.toLowerCase());
      return whole;
    }
    return v;
  });
  return { text: filled, missing: [...missing] };
}

/** A bundled templates file (resources/templates). */
export const TemplatesFileSchema = z
  .object({
    version: z.literal(1),
    templates: z
      .array(
        z
          .object({
            id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/),
            name: z.string().trim().min(1).max(200),
            kind: z.enum(MESSAGE_KINDS),
            language: z.string().min(2).max(8),
            text: z.string().trim().min(1).max(10_000),
          })
          .strict(),
      )
      .max(500),
  })
  .strict();
/** A templates file's content. */
export type TemplatesFile = z.infer<typeof TemplatesFileSchema>;

/** Reads a templates file (problems name their line and column). */
export function parseTemplates(
  text: string,
  file: string,
): { ok: true; value: TemplatesFile } | { ok: false; problems: YamlProblem[] } {
  return parseYamlWithSchema(text, file, TemplatesFileSchema, 512 * 1024);
}
