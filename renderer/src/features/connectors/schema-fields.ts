/** One setting of a connector kind, as the form shows it (read from the kind's JSON Schema). */
export type FieldSpec = {
  name: string;
  kind: 'text' | 'secret' | 'number' | 'boolean' | 'choice';
  required: boolean;
  options: string[];
  hint: string | null;
  defaultValue: string | boolean | null;
  min: number | null;
  max: number | null;
  integer: boolean;
};

/** What the form holds per field: text as typed, or a checkbox. */
export type FormValues = Record<string, string | boolean>;

type Prop = {
  type?: string;
  enum?: unknown[];
  description?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
};

// Bounds JSON Schema writes for "any safe integer": not worth showing.
const SAFE = Number.MAX_SAFE_INTEGER;

/**
 * The fields of a kind's settings from its JSON Schema (flat objects: strings, numbers, booleans,
 * enums), secrets marked so they are asked for as passwords and never filled in.
 */
export function fieldsOf(schema: Record<string, unknown>, secrets: readonly string[]): FieldSpec[] {
  const props = (schema.properties ?? {}) as Record<string, Prop>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(props).map(([name, p]) => {
    const kind: FieldSpec['kind'] = secrets.includes(name)
      ? 'secret'
      : Array.isArray(p.enum)
        ? 'choice'
        : p.type === 'boolean'
          ? 'boolean'
          : p.type === 'integer' || p.type === 'number'
            ? 'number'
            : 'text';
    const d = p.default;
    return {
      name,
      kind,
      required: required.has(name),
      options: Array.isArray(p.enum) ? p.enum.map(String) : [],
      hint: p.description ?? null,
      defaultValue:
        typeof d === 'boolean'
          ? d
          : typeof d === 'string' || typeof d === 'number'
            ? String(d)
            : null,
      min: typeof p.minimum === 'number' && Math.abs(p.minimum) < SAFE ? p.minimum : null,
      max: typeof p.maximum === 'number' && Math.abs(p.maximum) < SAFE ? p.maximum : null,
      integer: p.type === 'integer',
    };
  });
}

/** The form's starting values: a connector's settings, else each field's default. */
export function initialValues(
  fields: readonly FieldSpec[],
  settings: Record<string, unknown> = {},
): FormValues {
  const out: FormValues = {};
  for (const f of fields) {
    const v = settings[f.name];
    if (f.kind === 'secret') out[f.name] = '';
    else if (f.kind === 'boolean')
      out[f.name] = typeof v === 'boolean' ? v : f.defaultValue === true;
    else out[f.name] = v === undefined || v === null ? String(f.defaultValue ?? '') : String(v);
  }
  return out;
}

/**
 * The settings to send: numbers as numbers, empty fields as '' (no value), and secrets left
 * empty left out, so the station keeps the one it has.
 */
export function settingsOf(
  fields: readonly FieldSpec[],
  values: FormValues,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = values[f.name];
    if (f.kind === 'boolean') out[f.name] = v === true;
    else if (typeof v !== 'string' || v.trim() === '') {
      if (f.kind !== 'secret') out[f.name] = '';
    } else if (f.kind === 'number') out[f.name] = Number(v);
    else out[f.name] = f.kind === 'secret' ? v : v.trim();
  }
  return out;
}
