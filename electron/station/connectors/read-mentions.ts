import { parse as parseCsv } from 'csv-parse/sync';
import { loadPreset, type Preset } from './preset';
import { itemsOfRecords } from './record-items';
import { RecordSplitter, type RawRecord } from './record-splitter';

/** One source record: the mention it maps to, or why it could not be read. */
export type ReadItem =
  | { line: number; input: import('../../../shared/domain/mention').MentionInput }
  | { line: number; error: string };
/** A batch of read records and how far into the input the reader is. */
export type ReadChunk = { items: ReadItem[]; bytesRead: number };
/** How to read an input. */
export type ReadOptions = { format: 'csv' | 'jsonl'; preset?: Preset; maxRecordBytes?: number };

/** Largest record accepted (a long email fits; a 10 MB field is reported as too large). */
export const MAX_RECORD_BYTES = 1_000_000;

/** Thrown when a whole file cannot be read with the chosen preset (e.g. a required column is missing). */
export class InputFormatError extends Error {}

function requiredColumns(preset: Preset): string[] {
  const f = preset.fields;
  return [f.externalId, f.channel, f.authorHandle, f.text, f.occurredAt].flatMap((s) =>
    'column' in s ? [s.column] : [],
  );
}

/**
 * Splits an input into records and, for CSV, takes its header line off the front and checks that
 * the preset's columns are there (InputFormatError when not). Records come out in input order;
 * itemsOfRecords maps them.
 */
export class RecordReader {
  private readonly splitter: RecordSplitter;
  /** The CSV header once read; JSONL has none. */
  header: string[] | null;

  constructor(
    private readonly format: 'csv' | 'jsonl',
    private readonly preset: Preset,
    maxRecordBytes = MAX_RECORD_BYTES,
  ) {
    this.splitter = new RecordSplitter(maxRecordBytes, format === 'csv');
    this.header = format === 'csv' ? null : [];
  }

  /** Adds bytes; returns the data records they completed. */
  push(chunk: Buffer): RawRecord[] {
    return this.takeHeader(this.splitter.push(chunk));
  }

  /** Flushes the last record. */
  end(): RawRecord[] {
    return this.takeHeader(this.splitter.end());
  }

  private takeHeader(raw: RawRecord[]): RawRecord[] {
    if (this.header !== null) return raw;
    const at = raw.findIndex((r) => !('error' in r));
    if (at < 0) return raw;
    const first = raw[at] as { line: number; text: string };
    const header =
      (parseCsv(first.text, { relax_column_count: true }) as string[][])[0]?.map((h) => h.trim()) ??
      [];
    const missing = requiredColumns(this.preset).filter((c) => !header.includes(c));
    if (missing.length > 0) {
      throw new InputFormatError(
        `the file has no column ${missing.map((m) => `"${m}"`).join(', ')}, which preset "${this.preset.name}" needs (its columns: ${header.slice(0, 20).join(', ')})`,
      );
    }
    this.header = header;
    return [...raw.slice(0, at), ...raw.slice(at + 1)];
  }
}

/** The preset an import reads with: the one given, else the format's generic one; checked against the format. */
export async function presetFor(opts: ReadOptions): Promise<Preset> {
  const preset =
    opts.preset ?? (await loadPreset(opts.format === 'csv' ? 'generic-csv' : 'generic-jsonl'));
  if (preset.format !== opts.format)
    throw new InputFormatError(
      `preset "${preset.name}" reads ${preset.format}, not ${opts.format}`,
    );
  return preset;
}

/**
 * Streams mentions out of a CSV or JSONL input through a preset: batches of mapped records, each
 * good one as a mention input and each bad one as its line and reason, plus bytes read so far.
 */
export async function* readMentions(
  stream: AsyncIterable<Buffer | string>,
  opts: ReadOptions,
): AsyncGenerator<ReadChunk> {
  const preset = await presetFor(opts);
  const reader = new RecordReader(opts.format, preset, opts.maxRecordBytes);
  let bytesRead = 0;
  const itemsOf = (raw: RawRecord[]) =>
    itemsOfRecords(raw, opts.format, reader.header ?? [], preset);
  for await (const chunk of stream) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    bytesRead += buf.length;
    const items = itemsOf(reader.push(buf));
    if (items.length > 0) yield { items, bytesRead };
  }
  yield { items: itemsOf(reader.end()), bytesRead };
}
