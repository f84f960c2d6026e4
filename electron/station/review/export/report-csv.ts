import type { Writable } from 'node:stream';
import type { Sql } from '../../db/connection';
import type { ReviewScope } from '../../../../shared/analytics/review-report';
import type { Retrospective } from '../../../../shared/review/retrospective';
import { CSV_BOM, csvHeader, csvRow, text, type CsvCell } from './csv-text';
import { scopeMentions, type ExportMention } from './export-mentions';
import { redactMention } from './redact-export';
import type { Redactor } from './redaction';
import { writeChunk } from './write-chunk';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The mentions CSV's columns, in order, and how each is read from a mention. */
export const MENTION_COLUMNS: readonly [string, (m: ExportMention) => CsvCell][] = [
  ['id', (m) => text(m.id)],
  ['occurred_at', (m) => text(iso(m.occurredAt))],
  ['recorded_at', (m) => text(iso(m.recordedAt))],
  ['channel', (m) => text(m.channel)],
  ['brand', (m) => text(m.brand)],
  ['author_handle', (m) => text(m.authorHandle)],
  ['author_name', (m) => text(m.authorName)],
  ['author_email', (m) => text(m.authorEmail)],
  ['author_phone', (m) => text(m.authorPhone)],
  ['text', (m) => text(m.text)],
  ['department', (m) => text(m.department)],
  ['priority', (m) => m.priority],
  ['status', (m) => text(m.status)],
  ['first_answer_at', (m) => text(iso(m.firstAnswerAt))],
  ['closed_at', (m) => text(iso(m.closedAt))],
  ['ignored_at', (m) => text(iso(m.ignoredAt))],
  ['answers', (m) => m.answers],
  ['sentiment_label', (m) => text(m.sentimentLabel)],
  ['sentiment_score', (m) => m.sentimentScore],
  ['language', (m) => text(m.language)],
];

/** Columns of numbers (every other column is text, with the formula guard: csv-text.ts). */
export const NUMBER_COLUMNS: ReadonlySet<string> = new Set([
  'priority',
  'answers',
  'sentiment_score',
]);

/** The action items CSV's columns. */
export const ACTION_COLUMNS = [
  'review_id',
  'action_id',
  'text',
  'owner',
  'due',
  'done',
  'written_by',
  'written_at',
] as const;

/**
 * Writes the CSV of a review's mentions (every mention of its scope, by when it happened) to
 * `out`, page by page, pseudonymised when a redactor is given. Does not end `out`; returns the
 * number of rows.
 */
export async function writeMentionsCsv(
  sql: Sql,
  scope: ReviewScope,
  out: Writable,
  redactor: Redactor | null,
): Promise<number> {
  await writeChunk(out, CSV_BOM + csvHeader(MENTION_COLUMNS.map(([name]) => name)));
  let rows = 0;
  for await (const page of scopeMentions(sql, scope)) {
    let chunk = '';
    for (const raw of page) {
      const m = redactor ? redactMention(raw, redactor) : raw;
      chunk += csvRow(MENTION_COLUMNS.map(([, read]) => read(m)));
    }
    rows += page.length;
    await writeChunk(out, chunk);
  }
  return rows;
}

/** The action items of a retrospective as CSV (a header alone when there is none). */
export function actionsCsv(retro: Retrospective | null, nameOf: (id: string) => string): string {
  const rows = (retro?.actions ?? []).map((a) =>
    csvRow([
      text(retro?.id ?? null),
      text(a.id),
      text(a.text),
      text(a.owner),
      text(a.due),
      text(a.done ? 'yes' : 'no'),
      text(nameOf(a.by)),
      text(a.at),
    ]),
  );
  return CSV_BOM + csvHeader(ACTION_COLUMNS) + rows.join('');
}
