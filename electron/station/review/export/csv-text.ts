/**
 * CSV as RFC 4180 writes it (CRLF rows, fields quoted when they hold a comma, quote, CR or LF, or
 * start or end with a space), with one guard for spreadsheets: a text cell starting with = + - @,
 * a tab, a CR or an apostrophe gets an apostrophe before it, so Excel or LibreOffice never runs it
 * as a formula ("CSV injection"). Readers strip that one apostrophe (unguardText) to get the text
 * back exactly.
 */

/** A cell: text (guarded), a number, or empty (null). */
export type CsvCell = { text: string } | number | null;

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;
const FORMULA_START = /^[=+\-@\t\r']/;

/** The UTF-8 byte order mark spreadsheets need to read the file as UTF-8 (emoji, accents). */
export const CSV_BOM = '\ufeff';

/** A text value as it is written into a cell (the formula guard added). */
export const guardText = (s: string): string => (FORMULA_START.test(s) ? `'${s}` : s);

/** A text cell as read back (the formula guard removed). */
export const unguardText = (s: string): string => (s.startsWith("'") ? s.slice(1) : s);

function field(c: CsvCell): string {
  if (c === null) return '';
  const s = typeof c === 'number' ? String(c) : guardText(c.text);
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV row, CRLF-terminated. */
export const csvRow = (cells: readonly CsvCell[]): string => cells.map(field).join(',') + '\r\n';

/** A header row (plain names, never guarded). */
export const csvHeader = (names: readonly string[]): string =>
  csvRow(names.map((text) => ({ text })));

/** A text cell, or empty for null. */
export const text = (s: string | null): CsvCell => (s === null ? null : { text: s });
