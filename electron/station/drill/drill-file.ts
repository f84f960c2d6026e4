import type { Readable } from 'node:stream';
import type { MentionInput } from '../../../shared/domain/mention';
import { MAX_DRILL_RECORDS } from '../../../shared/contract/drills';
import { readMentions, type ReadOptions } from '../connectors/read-mentions';

/** One mention of a drill file, with its time in the file (epoch ms) and its line. */
export type DrillRecord = { input: MentionInput; fileMs: number; line: number };

/** A drill file read: its mentions in time order (ties in file order) and its bad rows. */
export type DrillFile = { records: DrillRecord[]; badRows: number; firstBadRows: string[] };

/** Thrown when a file cannot be a drill (no mentions, too many). */
export class DrillFileError extends Error {}

/**
 * Reads a whole file through a preset (as an import does) and sorts its mentions by when they
 * happened, which a replay follows: exports are often newest first, or by thread.
 */
export async function readDrillFile(stream: Readable, opts: ReadOptions): Promise<DrillFile> {
  const records: DrillRecord[] = [];
  let badRows = 0;
  const firstBadRows: string[] = [];
  for await (const chunk of readMentions(stream, opts)) {
    for (const item of chunk.items) {
      if ('error' in item) {
        badRows++;
        if (firstBadRows.length < 5) firstBadRows.push(`line ${item.line}: ${item.error}`);
        continue;
      }
      const fileMs = Date.parse(item.input.occurredAt);
      if (!Number.isFinite(fileMs)) {
        badRows++;
        continue;
      }
      if (records.length >= MAX_DRILL_RECORDS)
        throw new DrillFileError(
          `a drill replays at most ${MAX_DRILL_RECORDS.toLocaleString('en-US')} mentions; cut the file`,
        );
      records.push({ input: item.input, fileMs, line: item.line });
    }
  }
  if (records.length === 0)
    throw new DrillFileError(
      `the file has no mention to replay${firstBadRows.length > 0 ? ` (${firstBadRows[0]})` : ''}`,
    );
  // Array.prototype.sort is stable: mentions of the same second keep their file order.
  records.sort((a, b) => a.fileMs - b.fileMs);
  return { records, badRows, firstBadRows };
}
