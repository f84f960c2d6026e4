import { createReadStream } from 'node:fs';

/** Longest line read whole: messaging and people payloads are small, and ingest ops are stubs. */
const MAX_LINE_BYTES = 8 * 1024 * 1024;

/**
 * Splits bytes into lines at "\n" only: a stray "\r" stays in its line, where the canonical-form
 * check sees it (readline would take it for a line break). A last line without "\n" still counts;
 * a line over MAX_LINE_BYTES is cut short, so it fails to parse without being held whole.
 */
export async function* ledgerLines(
  chunks: Iterable<Uint8Array> | AsyncIterable<Uint8Array>,
): AsyncGenerator<Buffer> {
  let carry: Buffer = Buffer.alloc(0);
  let skipping = false;
  for await (const chunk of chunks) {
    const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const buf = carry.length > 0 ? Buffer.concat([carry, bytes]) : bytes;
    let start = 0;
    for (let nl = buf.indexOf(10); nl !== -1; nl = buf.indexOf(10, start)) {
      if (!skipping) yield buf.subarray(start, nl);
      skipping = false;
      start = nl + 1;
    }
    carry = buf.subarray(start);
    if (carry.length > MAX_LINE_BYTES) {
      if (!skipping) yield carry.subarray(0, MAX_LINE_BYTES);
      skipping = true;
      carry = Buffer.alloc(0);
    }
  }
  if (carry.length > 0 && !skipping) yield carry;
}

/** The lines of a ledger file, streamed. */
export function readLedgerLines(file: string): AsyncGenerator<Buffer> {
  return ledgerLines(createReadStream(file));
}
