/** A variable in a template: {{name}} (global: use with matchAll or replace). */
export const VARIABLE = /\{\{\s*([a-z][a-z0-9_]*)\s*\}\}/gi;

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
