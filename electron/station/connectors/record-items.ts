import { parse as parseCsv } from 'csv-parse/sync';
import { mapRecord } from './map-record';
import type { Preset } from './preset';
import type { RawRecord } from './record-splitter';
import type { ReadItem } from './read-mentions';

/** Reads a field of a JSON object by dotted path. */
export function readPath(obj: unknown, dotted: string): unknown {
  let cur = obj;
  for (const key of dotted.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/** The item one parsed CSV record maps to. */
function csvItem(
  record: string[],
  line: number,
  header: string[],
  column: Map<string, number>,
  preset: Preset,
): ReadItem {
  if (record.length !== header.length)
    return { line, error: `expected ${header.length} fields, found ${record.length}` };
  const mapped = mapRecord(preset, (col) => {
    const k = column.get(col);
    return k === undefined ? undefined : record[k];
  });
  return 'error' in mapped ? { line, error: mapped.error } : { line, input: mapped.input };
}

/**
 * Parses a batch of CSV records. A record without a quote character is its fields between commas
 * (RFC 4180: only a quoted field can hold a comma, quote or line break), split directly; the rest
 * go to csv-parse together. Records come one per entry from RecordSplitter, so a clean batch
 * parses straight into one record each; a batch csv-parse cannot read whole (a row with bad
 * quoting) is parsed again with line tracking, to report that row and keep the rest (tracking
 * lines on every batch cost a third more: 13 against 9 µs a row).
 */
function csvBatch(
  records: { line: number; text: string }[],
  header: string[],
  preset: Preset,
): ReadItem[] {
  const column = new Map(header.map((h, i) => [h, i]));
  const quoted = records.filter((r) => r.text.includes('"'));
  const parsedQuoted = new Map<number, ReadItem>();
  if (quoted.length > 0)
    for (const item of csvParsed(quoted, header, column, preset)) parsedQuoted.set(item.line, item);
  const items: ReadItem[] = [];
  for (const r of records) {
    const item = r.text.includes('"')
      ? parsedQuoted.get(r.line)
      : csvItem(r.text.split(','), r.line, header, column, preset);
    if (item) items.push(item);
  }
  return items;
}

/** Records with quoting, through csv-parse (see csvBatch). */
function csvParsed(
  records: { line: number; text: string }[],
  header: string[],
  column: Map<string, number>,
  preset: Preset,
): ReadItem[] {
  let parsed: string[][] | null = null;
  try {
    parsed = parseCsv(records.map((r) => r.text).join('\n'), {
      relax_column_count: true,
      relax_quotes: false,
    }) as string[][];
  } catch {
    parsed = null;
  }
  if (parsed && parsed.length === records.length)
    return parsed.map((record, i) =>
      csvItem(record, (records[i] as { line: number }).line, header, column, preset),
    );
  return csvBatchByLine(records, header, column, preset);
}

/** csvBatch's careful path: csv-parse with line numbers, skipping and reporting bad records. */
function csvBatchByLine(
  records: { line: number; text: string }[],
  header: string[],
  column: Map<string, number>,
  preset: Preset,
): ReadItem[] {
  const items = new Map<number, ReadItem>();
  // Joined-text line where each record starts, to map csv-parse's line numbers back.
  const starts: number[] = [];
  let at = 1;
  for (const r of records) {
    starts.push(at);
    at += (r.text.match(/\n/g)?.length ?? 0) + 1;
  }
  const indexOfLine = (joinedLine: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= joinedLine) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const parsed = parseCsv(records.map((r) => r.text).join('\n'), {
    relax_column_count: true,
    relax_quotes: false,
    info: true,
    skip_records_with_error: true,
    on_skip: (err: { lines?: number; message?: string } | undefined) => {
      const i = indexOfLine(err?.lines ?? 1);
      const rec = records[i];
      if (rec)
        items.set(i, {
          line: rec.line,
          error: `bad quoting: ${(err?.message ?? '').split(':')[0]}`,
        });
    },
  } as never) as unknown as { record: string[]; info: { lines: number } }[];
  for (const { record, info } of parsed) {
    const i = indexOfLine(info.lines - (record.join(',').match(/\n/g)?.length ?? 0));
    const rec = records[i] as { line: number };
    items.set(i, csvItem(record, rec.line, header, column, preset));
  }
  return [...items.entries()].sort((a, b) => a[0] - b[0]).map(([, item]) => item);
}

function jsonlItem(rec: { line: number; text: string }, preset: Preset): ReadItem | null {
  const text = rec.text.trim();
  if (text === '') return null;
  let obj: unknown;
  try {
    obj = JSON.parse(text);
  } catch (err) {
    return { line: rec.line, error: `not valid JSON: ${(err as Error).message.slice(0, 100)}` };
  }
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj))
    return { line: rec.line, error: 'each line must be a JSON object' };
  const mapped = mapRecord(preset, (col) => readPath(obj, col));
  return 'error' in mapped
    ? { line: rec.line, error: mapped.error }
    : { line: rec.line, input: mapped.input };
}

/**
 * The items a run of records maps to, in order: CSV records (under `header`) parsed together by
 * csv-parse, JSONL records one by one, and records the splitter refused passed on as errors.
 * Pure, so it runs on any thread (the import workers).
 */
export function itemsOfRecords(
  raw: readonly RawRecord[],
  format: 'csv' | 'jsonl',
  header: string[],
  preset: Preset,
): ReadItem[] {
  const items: ReadItem[] = [];
  let good: { line: number; text: string }[] = [];
  const flushGood = () => {
    if (good.length > 0) items.push(...csvBatch(good, header, preset));
    good = [];
  };
  for (const r of raw) {
    if ('error' in r) {
      flushGood();
      items.push(r);
    } else if (format === 'jsonl') {
      const item = jsonlItem(r, preset);
      if (item) items.push(item);
    } else good.push(r);
  }
  flushGood();
  return items;
}
