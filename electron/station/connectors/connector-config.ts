import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isMap, isSeq, parseDocument, type YAMLMap } from 'yaml';
import { z } from 'zod';
import { ConnectorIdSchema } from '../../../shared/contract/connectors';
import { parseYamlWithSchema, type YamlProblem } from '../../../shared/yaml/parse-with-schema';
import type { ConnectorKind } from './connector-kind';

/** The connectors file in a data folder: the one store of connector configuration. */
export const CONNECTORS_FILE = 'connectors.yaml';
const MAX_FILE_BYTES = 256 * 1024;

/** One connector as configured. */
export type ConnectorConfig = {
  id: string;
  kind: string;
  title?: string | undefined;
  enabled: boolean;
  /** The kind's own settings, checked against its schema. */
  settings: Record<string, unknown>;
};

const COMMON_KEYS = ['id', 'kind', 'title', 'enabled'] as const;

const FILE_HEADER = `# Connectors of this station (webhook, rss, watch-folder, …). Edit here or in the app
# (Settings → Connectors): the station rereads this file when it changes, and the app writes it.
# Each entry: id (lowercase, digits, dashes), kind, optional title, enabled, then the kind's
# settings. Secrets (tokens) are kept here in plain text: protect this folder like the station key.
`;

/** The common fields of every connector, with a kind's settings. */
export function entrySchemaOf(kind: ConnectorKind) {
  return z
    .object({
      id: ConnectorIdSchema,
      kind: z.literal(kind.kind),
      title: z.string().trim().min(1).max(200).optional(),
      enabled: z.boolean().default(true),
    })
    .extend(kind.settings.shape)
    .strict();
}

/** The schema of connectors.yaml for the given kinds: a list of connectors with unique ids. */
export function fileSchemaOf(kinds: readonly ConnectorKind[]) {
  const entries = kinds.map(entrySchemaOf);
  const entry =
    entries.length === 0
      ? z.never()
      : entries.length === 1
        ? (entries[0] as (typeof entries)[number])
        : z.discriminatedUnion('kind', entries as never);
  return z
    .object({ connectors: z.array(entry).max(500).nullish() })
    .strict()
    .superRefine((file, ctx) => {
      const seen = new Set<string>();
      (file.connectors ?? []).forEach((c, i) => {
        const id = (c as { id: string }).id;
        if (seen.has(id))
          ctx.addIssue({
            code: 'custom',
            path: ['connectors', i, 'id'],
            message: `another connector is already called "${id}"`,
          });
        seen.add(id);
      });
    });
}

/** Splits a flat entry of the file into the common fields and the kind's settings. */
export function configOf(entry: Record<string, unknown>): ConnectorConfig {
  const settings: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(entry))
    if (!(COMMON_KEYS as readonly string[]).includes(k)) settings[k] = v;
  return {
    id: entry.id as string,
    kind: entry.kind as string,
    title: entry.title as string | undefined,
    enabled: entry.enabled !== false,
    settings,
  };
}

/** What reading the file gave: the connectors, or the problems with line and column. */
export type ConnectorsFile =
  | { ok: true; text: string; connectors: ConnectorConfig[] }
  | { ok: false; text: string; problems: YamlProblem[] };

/** Reads and checks a data folder's connectors.yaml (no file: no connectors). */
export function readConnectorsFile(
  dataDir: string,
  kinds: readonly ConnectorKind[],
): ConnectorsFile {
  const file = path.join(dataDir, CONNECTORS_FILE);
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const parsed = parseYamlWithSchema(
    text.trim() === '' ? 'connectors: []' : text,
    CONNECTORS_FILE,
    fileSchemaOf(kinds),
    MAX_FILE_BYTES,
  );
  if (!parsed.ok) return { ok: false, text, problems: parsed.problems };
  const list = (parsed.value.connectors ?? []) as Record<string, unknown>[];
  return { ok: true, text, connectors: list.map(configOf) };
}

/** The flat entry written to the file for a connector (common fields first). */
function entryOf(c: ConnectorConfig): Record<string, unknown> {
  return {
    id: c.id,
    kind: c.kind,
    ...(c.title !== undefined && c.title !== '' && { title: c.title }),
    enabled: c.enabled,
    ...c.settings,
  };
}

/**
 * Writes one connector into connectors.yaml (added at the end, or changed in place keeping the
 * file's comments), or removes it (`config` null). The file is replaced atomically. Refuses a
 * file that does not parse as YAML: that has to be fixed by hand first.
 */
export function writeConnector(dataDir: string, id: string, config: ConnectorConfig | null): void {
  const file = path.join(dataDir, CONNECTORS_FILE);
  const text = existsSync(file) ? readFileSync(file, 'utf8') : FILE_HEADER;
  const doc = parseDocument(text);
  if (doc.errors.length > 0)
    throw new Error(
      `${CONNECTORS_FILE} does not parse (${doc.errors[0]?.message.split('\n')[0]}); fix it first`,
    );
  if (!isMap(doc.contents)) doc.contents = doc.createNode({}) as never;
  let list = doc.get('connectors');
  if (!isSeq(list)) {
    doc.set('connectors', doc.createNode([]));
    list = doc.get('connectors');
  }
  const items = (list as { items: unknown[] }).items;
  const at = items.findIndex((it) => isMap(it) && it.get('id') === id);
  if (config === null) {
    if (at >= 0) items.splice(at, 1);
  } else {
    const entry = entryOf(config);
    if (at < 0) items.push(doc.createNode(entry));
    else {
      const map = items[at] as YAMLMap;
      for (const pair of [...map.items]) {
        const key = String((pair.key as { value?: unknown } | null)?.value ?? pair.key);
        if (!(key in entry)) map.delete(key);
      }
      for (const [k, v] of Object.entries(entry)) map.set(k, v);
    }
  }
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, doc.toString(), { mode: 0o600 });
  renameSync(tmp, file);
}
