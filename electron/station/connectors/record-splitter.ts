/**
 * Splits a CSV byte stream into records without parsing fields, so one broken record cannot take
 * the rest of the file with it (csv-parse, given an unclosed quote or an oversized field, stops
 * and loses every row after it). It follows RFC 4180 quoting byte by byte, caps a record's size,
 * and decodes each record as strict UTF-8, so a record with invalid bytes is reported, not
 * silently turned into U+FFFD. Fields are then parsed by csv-parse, one batch of records at a time.
 *
 * Recovery: a record that grows past `maxRecordBytes` is reported at the line where it began; the
 * splitter resumes at the line after that start, outside quotes. An unclosed quote thus costs
 * the one line it opened on, and a huge single-line field costs its own line only.
 */

/** One raw record, or the reason a stretch of input could not be one. */
export type RawRecord = { line: number; text: string } | { line: number; error: string };

const QUOTE = 0x22;
const LF = 0x0a;
const COMMA = 0x2c;
const CR = 0x0d;

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Splits CSV bytes into records; feed chunks, then call end(). */
export class RecordSplitter {
  private buf: Buffer = Buffer.alloc(0);
  private start = 0; // start of the current record in buf
  private pos = 0; // next byte to look at
  private inQuotes = false;
  private line = 1; // line number where the current record starts
  private linesInRecord = 0;
  private first = true;

  /** quotes: false for line formats (JSONL), where a quote inside a JSON string is not CSV quoting. */
  constructor(
    private readonly maxRecordBytes: number,
    private readonly quotes = true,
  ) {}

  /** Adds bytes; returns the records they completed. */
  push(chunk: Buffer): RawRecord[] {
    this.buf =
      this.start > 0
        ? Buffer.concat([this.buf.subarray(this.start), chunk])
        : Buffer.concat([this.buf, chunk]);
    this.pos -= this.start;
    this.start = 0;
    return this.scan(false);
  }

  /** Flushes the last record. */
  end(): RawRecord[] {
    return this.scan(true);
  }

  private emit(out: RawRecord[], endExclusive: number): void {
    let slice = this.buf.subarray(this.start, endExclusive);
    if (this.first && slice[0] === 0xef && slice[1] === 0xbb && slice[2] === 0xbf)
      slice = slice.subarray(3);
    this.first = false;
    if (slice.length > 0 && slice[slice.length - 1] === CR) slice = slice.subarray(0, -1);
    if (slice.length > 0) {
      try {
        out.push({ line: this.line, text: decoder.decode(slice) });
      } catch {
        out.push({ line: this.line, error: 'invalid UTF-8 bytes in this record' });
      }
    }
  }

  private scan(final: boolean): RawRecord[] {
    const out: RawRecord[] = [];
    const b = this.buf;
    while (this.pos < b.length) {
      const c = b[this.pos] as number;
      if (this.skipping) {
        // Dropping the rest of an oversized first line: resume after its end.
        this.pos += 1;
        this.start = this.pos;
        if (c === LF) {
          this.skipping = false;
          this.line += 1;
          this.atFieldStart = true;
        }
        continue;
      }
      if (this.inQuotes) {
        if (c === QUOTE) {
          this.inQuotes = false;
          this.justClosed = true;
        } else if (c === LF) this.linesInRecord += 1;
      } else if (c === LF) {
        this.emit(out, this.pos);
        this.pos += 1;
        this.start = this.pos;
        this.line += this.linesInRecord + 1;
        this.linesInRecord = 0;
        this.atFieldStart = true;
        this.justClosed = false;
        continue;
      } else {
        // A quote opens a quoted field only at the start of a field, or right after a closing
        // quote (the "" escape); elsewhere it is a stray character that csv-parse will report.
        if (c === QUOTE && this.quotes && (this.atFieldStart || this.justClosed))
          this.inQuotes = true;
        this.atFieldStart = c === COMMA;
        this.justClosed = false;
      }
      this.pos += 1;
      if (this.pos - this.start > this.maxRecordBytes) this.recover(out);
    }
    if (final) {
      if (this.skipping) return out;
      if (this.inQuotes) {
        this.recover(out, 'a quote opened in this record is never closed');
        return [...out, ...this.scan(true)];
      }
      if (this.start < b.length) this.emit(out, b.length);
      this.start = b.length;
    }
    return out;
  }

  // Reports the record that began at `start`, then resumes at the line after its first line.
  private recover(out: RawRecord[], reason?: string): void {
    out.push({
      line: this.line,
      error:
        reason ??
        (this.inQuotes
          ? `a quoted field runs past ${this.maxRecordBytes} bytes (an unclosed quote?)`
          : `record is larger than ${this.maxRecordBytes} bytes`),
    });
    this.inQuotes = false;
    this.linesInRecord = 0;
    this.atFieldStart = true;
    this.justClosed = false;
    const firstLf = this.buf.indexOf(LF, this.start);
    if (firstLf < 0 || firstLf >= this.pos) {
      this.skipping = true;
      this.start = this.pos;
      return;
    }
    this.start = firstLf + 1;
    this.pos = this.start;
    this.line += 1;
  }

  private skipping = false;
  private atFieldStart = true;
  private justClosed = false;
}
