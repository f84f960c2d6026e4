import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { findResourceDir } from '../core/resources';
import type { PresetInfo } from '../../../shared/contract/imports';

/** Where a mention field comes from: a column (CSV header, or a dotted JSON path) or a fixed value. */
export const FieldSourceSchema = z.union([
  z.object({ column: z.string().min(1).max(128) }).strict(),
  z.object({ value: z.string().max(256) }).strict(),
]);
/** A field source. */
export type FieldSource = z.infer<typeof FieldSourceSchema>;

/** How the time column is written. */
export const TIME_FORMATS = ['iso', 'space-offset', 'unix-seconds', 'unix-ms'] as const;

/** An import preset: a named column mapping for one kind of export (zod-checked YAML). */
export const PresetSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/),
    title: z.string().min(1).max(200),
    format: z.enum(['csv', 'jsonl']),
    fields: z
      .object({
        externalId: FieldSourceSchema,
        channel: FieldSourceSchema,
        authorHandle: FieldSourceSchema,
        authorName: FieldSourceSchema.optional(),
        authorEmail: FieldSourceSchema.optional(),
        authorPhone: FieldSourceSchema.optional(),
        text: FieldSourceSchema,
        occurredAt: FieldSourceSchema,
        brand: FieldSourceSchema.optional(),
        location: FieldSourceSchema.optional(),
        url: FieldSourceSchema.optional(),
        department: FieldSourceSchema.optional(),
      })
      .strict(),
    timeFormat: z.enum(TIME_FORMATS).default('iso'),
    /** Source columns kept as metadata with the mention (labels, coordinates…). */
    metadata: z.array(z.string().min(1).max(128)).max(64).default([]),
    /** Metadata columns read as numbers. */
    numbers: z.array(z.string().min(1).max(128)).max(64).default([]),
  })
  .strict();
/** A validated preset. */
export type Preset = z.infer<typeof PresetSchema>;

/** The folder of bundled presets (resources/presets), from source or from the bundle. */
export function presetsDir(): string {
  return (
    findResourceDir('presets', 'HOLDLINE_PRESETS_DIR') ??
    path.resolve(__dirname, '../../../resources/presets')
  );
}

/** Parses and checks a preset's YAML text; errors name the field at fault. */
export function parsePreset(text: string, source = 'preset'): Preset {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (err) {
    throw new Error(`${source}: not valid YAML: ${(err as Error).message}`);
  }
  const parsed = PresetSchema.safeParse(raw);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new Error(`${source}: ${i?.path.join('.') || 'preset'}: ${i?.message}`);
  }
  return parsed.data;
}

/** Loads a bundled preset by name. */
export async function loadPreset(name: string): Promise<Preset> {
  if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(name)) throw new Error(`no preset "${name}"`);
  const file = path.join(presetsDir(), `${name}.yaml`);
  if (!existsSync(file))
    throw new Error(
      `no preset "${name}" (have: ${(await listPresets()).map((p) => p.name).join(', ')})`,
    );
  return parsePreset(readFileSync(file, 'utf8'), `preset ${name}`);
}

/** The bundled presets. */
export async function listPresets(): Promise<PresetInfo[]> {
  const dir = presetsDir();
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => parsePreset(readFileSync(path.join(dir, f), 'utf8'), f))
    .map((p) => ({ name: p.name, title: p.title, format: p.format }));
}

/** Guesses a file's format from its name. */
export function detectFormat(filename: string): 'csv' | 'jsonl' | null {
  const lower = filename.toLowerCase();
  if (lower.endsWith('.csv') || lower.endsWith('.tsv')) return 'csv';
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return 'jsonl';
  return null;
}

/**
 * How to read an uploaded file: the named preset (and its format), else the format asked for,
 * else the one its name suggests. Answers why when none can be told or the preset is unknown.
 */
export async function readingOf(ask: {
  preset?: string | undefined;
  format?: 'csv' | 'jsonl' | undefined;
  filename?: string | undefined;
}): Promise<{ preset: Preset | undefined; format: 'csv' | 'jsonl' } | { error: string }> {
  let preset: Preset | undefined;
  try {
    preset = ask.preset ? await loadPreset(ask.preset) : undefined;
  } catch (err) {
    return { error: (err as Error).message };
  }
  const format = preset?.format ?? ask.format ?? (ask.filename ? detectFormat(ask.filename) : null);
  if (!format) return { error: 'say which preset or format (csv or jsonl) the file is in' };
  return { preset, format };
}
