import { z } from 'zod';
import { parseYamlWithSchema, type YamlProblem } from '../yaml/parse-with-schema';
import { MESSAGE_KINDS } from './policy';

export { VARIABLE, fillTemplate, variablesOf } from './template-variables';

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
