import { MentionInputSchema, type MentionInput } from '../../../shared/domain/mention';
import type { FieldSource, Preset } from './preset';

/** Reads one source column of a record (CSV: by header; JSONL: by dotted path). */
export type ColumnReader = (column: string) => unknown;

const SPACE_OFFSET =
  /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?) ?([+-])(\d{2}):?(\d{2})$/;

/** Turns a source time into ISO 8601 with its offset; null when it cannot. */
export function normaliseTime(raw: unknown, format: Preset['timeFormat']): string | null {
  if (format === 'unix-seconds' || format === 'unix-ms') {
    const n = Number(raw);
    if (raw === '' || raw === null || !Number.isFinite(n)) return null;
    return new Date(format === 'unix-seconds' ? n * 1000 : n).toISOString();
  }
  if (typeof raw !== 'string') return null;
  const s = raw.trim();
  const m = SPACE_OFFSET.exec(s);
  if (m) {
    const time = (m[2] as string).length === 5 ? `${m[2]}:00` : m[2];
    return `${m[1]}T${time}${m[3]}${m[4]}:${m[5]}`;
  }
  // ISO 8601 must say its offset: a time without one is ambiguous across desks in two time zones.
  return /(?:Z|[+-]\d{2}:?\d{2})$/.test(s) && !Number.isNaN(Date.parse(s))
    ? s.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')
    : null;
}

function valueOf(src: FieldSource | undefined, read: ColumnReader): string | undefined {
  if (!src) return undefined;
  if ('value' in src) return src.value;
  const v = read(src.column);
  if (v === undefined || v === null) return undefined;
  const s =
    typeof v === 'string'
      ? v
      : typeof v === 'number' || typeof v === 'boolean'
        ? String(v)
        : JSON.stringify(v);
  return s === '' ? undefined : s;
}

/**
 * Maps one source record to a mention input through a preset; the error says which field is
 * wrong and why. Text is kept exactly as written (entities such as &amp; are data, not markup).
 */
export function mapRecord(
  preset: Preset,
  read: ColumnReader,
): { input: MentionInput } | { error: string } {
  const f = preset.fields;
  const rawTime = 'value' in f.occurredAt ? f.occurredAt.value : read(f.occurredAt.column);
  const occurredAt = normaliseTime(rawTime, preset.timeFormat);
  if (occurredAt === null) {
    return {
      error: `occurredAt: cannot read the time ${JSON.stringify(String(rawTime ?? '')).slice(0, 60)} (${preset.timeFormat} with a time zone expected)`,
    };
  }
  const metadata: Record<string, string | number | boolean | null> = {};
  for (const col of preset.metadata) {
    const v = read(col);
    if (v === undefined || v === '' || v === null) metadata[col] = null;
    else if (preset.numbers.includes(col)) {
      const n = Number(v);
      metadata[col] = Number.isFinite(n) ? n : String(v);
    } else
      metadata[col] =
        typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
          ? v
          : JSON.stringify(v);
  }
  const author: Record<string, string> = { handle: valueOf(f.authorHandle, read) ?? '' };
  for (const [key, src] of [
    ['name', f.authorName],
    ['email', f.authorEmail],
    ['phone', f.authorPhone],
  ] as const) {
    const v = valueOf(src, read);
    if (v !== undefined) author[key] = v;
  }
  const candidate: Record<string, unknown> = {
    channel: valueOf(f.channel, read),
    externalId: valueOf(f.externalId, read),
    author,
    text: valueOf(f.text, read),
    occurredAt,
    metadata,
  };
  for (const key of ['brand', 'location', 'url', 'department'] as const) {
    const v = valueOf(f[key], read);
    if (v !== undefined) candidate[key] = v;
  }
  const parsed = MentionInputSchema.safeParse(candidate);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    const field = i?.path.join('.') || 'record';
    const msg =
      i?.code === 'invalid_type' && i.input === undefined ? 'missing' : (i?.message ?? 'invalid');
    return { error: `${field}: ${msg}` };
  }
  return { input: parsed.data };
}
