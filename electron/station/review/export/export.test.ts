import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { testCores } from '../../test-support/test-cores';
import { ledgerLines } from '../../ledger/ledger-lines';
import { verifyLedger } from '../../ledger/verify-ledger';
import { readRetro } from '../retro-store';
import { unguardText } from './csv-text';
import { CUSTOMER_TERMS, exportFixture, HOSTILE_TEXT, STAFF_NAMES } from './export-fixture';
import { PDFTOTEXT_MISSING, exportOf, pdfText, readable } from './export-harness';
import type { ExportFormat } from './export-request';
import { ACTION_COLUMNS, MENTION_COLUMNS, NUMBER_COLUMNS } from './report-csv';
import { HEADINGS, SECTION_TITLES } from './report-words';

const cores = testCores();
const ALL_TERMS = Object.values(CUSTOMER_TERMS).flat();
// A PDF is read with pdftotext: without it the PDF checks skip, and say so.
if (PDFTOTEXT_MISSING) console.warn(`review export: PDF checks skipped: ${PDFTOTEXT_MISSING}`);
const FORMATS: ExportFormat[] = ['html', 'md', 'csv', 'actions-csv', 'ledger'];
if (!PDFTOTEXT_MISSING) FORMATS.push('pdf');

async function fixture() {
  const { core, adminId } = await cores.openRoom('Storm week');
  const made = await exportFixture(core, adminId);
  return { core, made, target: { reviewId: made.reviewId } };
}

/** What a person could read in an export (a PDF's text, the rest decoded). */
const textOf = (format: ExportFormat, bytes: Buffer) =>
  format === 'pdf' ? pdfText(bytes) : bytes.toString('utf8');

describe('review export', () => {
  it('redacted, no format holds any customer handle, name, email or phone number; unredacted, they are there', async () => {
    const { core, target } = await fixture();
    const leaks: string[] = [];
    const shown = new Set<string>();
    for (const format of FORMATS) {
      const plain = textOf(format, (await exportOf(core, target, format, false)).bytes);
      const red = await exportOf(core, target, format, true);
      const redText = textOf(format, red.bytes);
      const haystacks = [red.bytes.toString('latin1'), redText, readable(redText)];
      for (const term of ALL_TERMS) {
        if (haystacks.some((h) => h.toLowerCase().includes(term.toLowerCase())))
          leaks.push(`${format}: ${term}`);
        if (readable(plain).includes(term) || plain.includes(term)) shown.add(`${format}: ${term}`);
      }
      expect(red.filename).toContain('redacted');
      if (format !== 'ledger' && format !== 'csv' && format !== 'actions-csv')
        for (const staff of STAFF_NAMES)
          expect(readable(redText), `${format} keeps ${staff}`).toContain(staff);
    }
    expect(leaks).toEqual([]);
    // The search can fail: the same exports unredacted show every identity somewhere, and the
    // report formats show each one that the fixture put into text.
    for (const term of ALL_TERMS)
      expect(
        FORMATS.some((f) => shown.has(`${f}: ${term}`)),
        term,
      ).toBe(true);
    for (const format of FORMATS.filter((f) => f === 'html' || f === 'md' || f === 'pdf'))
      for (const term of ['jane_doe_88', 'Jane Doolittle', 'bobby7@example.net', '(415) 555-0134'])
        expect(shown.has(`${format}: ${term}`), `${format} shows ${term}`).toBe(true);
    for (const term of ALL_TERMS)
      expect(shown.has(`csv: ${term}`) || !/@|\d/.test(term)).toBe(true);
  });

  it('pseudonymises each customer the same way in every format', async () => {
    const { core, target } = await fixture();
    const html = readable((await exportOf(core, target, 'html', true)).bytes.toString('utf8'));
    const csv = (await exportOf(core, target, 'csv', true)).bytes.toString('utf8');
    const rows = parse(csv, { bom: true, columns: true }) as Record<string, string>[];
    // Customers are numbered by when they first wrote: the phone call (20 minutes earlier) first.
    expect(rows.map((r) => r.author_handle)).toEqual(['customer 1', 'customer 2', 'customer 3']);
    expect(
      rows.every((r) => r.author_email === '' && r.author_phone === '' && r.author_name === ''),
    ).toBe(true);
    expect(rows[2]?.text).toContain('customer 2 same here, my number is [phone]');
    expect(html).toContain('reply to customer 2');
    expect(html).toContain(
      'Hi customer 2 (customer 2), we are on it and will call you at [phone].',
    );
  });

  it('writes one self-contained HTML file: escaped text, inline charts, retrospective, annotated timeline, pins and sends', async () => {
    const { core, target, made } = await fixture();
    const html = (await exportOf(core, target, 'html', false)).bytes.toString('utf8');
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\((?!#)/i);
    expect(html.match(/\b(?:src|href)=["'](?!#)/gi)).toBeNull();
    expect(
      [...html.matchAll(/https?:\/\/[^\s"'<)&]+/g)]
        .map((m) => m[0])
        .filter((u) => !u.startsWith('http://www.w3.org/')),
    ).toEqual(['http://evil.example/x.png', 'http://evil.example/']);
    expect(html).toContain('&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;');
    expect(html).toContain('&lt;b&gt;not bold&lt;/b&gt;');
    expect(html.match(/<svg /g)).toHaveLength(5);
    for (const h of Object.values(HEADINGS)) expect(html).toContain(`>${h}</h`);
    for (const h of Object.values(SECTION_TITLES)) expect(html).toContain(`<h3>${h}</h3>`);
    expect(html).toContain('First response (median)');
    expect(html).toContain('Lost bags at LHR');
    expect(html).toMatch(
      /<tr class="first-statement">.*First official statement:.*sent a statement to public.*Too slow: @jane_doe_88 waited/,
    );
    expect(html).toMatch(
      /<td>open<\/td><td>Call back \+48 600 100 200.*<\/td><td>Ana Operator<\/td><td>2015-03-01<\/td>/,
    );
    expect(html).toContain('Status: <span class="status">draft</span>');
    expect(readable(html)).toContain('We are aware of delayed bags at LHR & are working on it.');
    expect(readable(html)).toContain('approved by Pia Approver (pr)');
    expect(readable(html)).toContain(
      "Refused: Ana Operator's closing of the run — not allowed for this role or at this point of the run",
    );
    expect(html.split('class="card').length - 1).toBe(3 + 2);
    expect(made.mentionIds.length).toBe(3);
  });

  it('writes the same content as Markdown with user text escaped', async () => {
    const { core, target } = await fixture();
    const md = (await exportOf(core, target, 'md', false)).bytes.toString('utf8');
    expect(md).not.toContain(HOSTILE_TEXT);
    expect(md).toContain('\\<script\\>alert\\("pwned"\\)\\</script\\>');
    expect(md).toContain('\\*bold\\* \\[link\\]\\(http://evil.example/x.png\\)');
    expect(md).toMatch(/^# Lost bags at LHR$/m);
    for (const h of Object.values(HEADINGS)) expect(md).toMatch(new RegExp(`^##+ ${h}$`, 'm'));
    expect(md).toMatch(/^\| Figure \| Value \| Definition \|$/m);
    expect(md).toMatch(/^\| First response \\\(median\\\) \|/m);
    // A pipe in a mention cannot break a table: every table row has as many cells as its header.
    for (const line of md.split('\n').filter((l) => l.startsWith('| Call back')))
      expect(line.split(/(?<!\\)\|/).length).toBe(6);
    expect(md).toContain('**First official statement**');
    expect(md).toMatch(/Refused: Ana Operator's closing of the run — not allowed for this role/);
  });

  it("writes the mentions and the action items as CSV that reads back to the station's rows", async () => {
    const { core, target, made } = await fixture();
    const csv = (await exportOf(core, target, 'csv', false)).bytes;
    expect(csv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = parse(csv, { bom: true, columns: true, relax_column_count: false }) as Record<
      string,
      string
    >[];
    expect(Object.keys(rows[0] ?? {})).toEqual(MENTION_COLUMNS.map(([c]) => c));
    const stored = await core.db.all<Record<string, string | number | null>>(
      `SELECT id, channel, brand, author_handle, author_name, author_email, author_phone, text,
         department, priority, status, sentiment_label, sentiment_score, language, occurred_ms
       FROM mentions ORDER BY occurred_ms, id`,
    );
    const back = rows.map((r) =>
      Object.fromEntries(
        Object.entries(r).map(([k, v]) => [k, NUMBER_COLUMNS.has(k) ? v : unguardText(v)]),
      ),
    );
    expect(back.map((r) => r.id)).toEqual(stored.map((s) => s.id));
    expect(new Set(back.map((r) => r.id))).toEqual(new Set(made.mentionIds));
    for (const [i, s] of stored.entries()) {
      const r = back[i] as Record<string, string>;
      for (const k of [
        'id',
        'channel',
        'author_handle',
        'text',
        'status',
        'sentiment_label',
        'language',
      ])
        expect(r[k], k).toBe(s[k]);
      for (const k of ['brand', 'author_name', 'author_email', 'author_phone', 'department'])
        expect(r[k], k).toBe(s[k] ?? '');
      expect(Number(r.priority)).toBe(s.priority);
      expect(Number(r.sentiment_score)).toBe(s.sentiment_score);
      expect(Date.parse(r.occurred_at as string)).toBe(s.occurred_ms);
    }
    expect(back.find((r) => r.author_handle === '@jane_doe_88')?.first_answer_at).not.toBe('');
    // The formula guard: a cell a spreadsheet would run starts with an apostrophe in the file.
    expect(rows.find((r) => r.author_handle === 'bobby_tables_7')?.text).toMatch(/^'=HYPERLINK/);

    const actions = parse((await exportOf(core, target, 'actions-csv', false)).bytes, {
      bom: true,
      columns: true,
    }) as Record<string, string>[];
    expect(Object.keys(actions[0] ?? {})).toEqual([...ACTION_COLUMNS]);
    const retro = await readRetro(core.db, 'review-lhr');
    expect(
      actions.map((a) => ({
        id: a.action_id,
        text: unguardText(a.text as string),
        owner: a.owner || null,
        due: a.due || null,
        done: a.done === 'yes',
      })),
    ).toEqual(
      retro?.actions.map((a) => ({
        id: a.id,
        text: a.text,
        owner: a.owner,
        due: a.due,
        done: a.done,
      })),
    );
  });

  it("writes the window's ledger slice: it verifies, says what was said, and redacted keeps only stubs of it", async () => {
    const { core, target } = await fixture();
    for (const redact of [false, true]) {
      const { bytes, summary } = await exportOf(core, target, 'ledger', redact);
      const report = await verifyLedger(ledgerLines([bytes]));
      expect(report.ok, JSON.stringify(report.firstBad)).toBe(true);
      const lines = bytes
        .toString('utf8')
        .trimEnd()
        .split('\n')
        .slice(1)
        .map((l) => JSON.parse(l) as { type: string; payload: unknown });
      expect(lines).toHaveLength(summary.ops as number);
      const said = lines.filter((l) => l.type.startsWith('message.') && l.payload !== null);
      if (redact) expect(said).toEqual([]);
      else
        expect(said.map((l) => l.type)).toEqual([
          'message.draft',
          'message.send',
          'message.draft',
          'message.review',
          'message.send',
        ]);
      expect(lines.filter((l) => l.type === 'mention.ingest' && l.payload !== null)).toEqual([]);
    }
  });

  it.skipIf(PDFTOTEXT_MISSING !== null)(
    'prints a PDF with the report’s headings',
    async () => {
      const { core, target } = await fixture();
      const { bytes, filename } = await exportOf(core, target, 'pdf', false);
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(filename).toMatch(/^holdline-review-lost-bags-at-lhr-\d{4}-\d{2}-\d{2}\.pdf$/);
      const text = pdfText(bytes);
      for (const h of [
        ...Object.values(HEADINGS),
        ...Object.values(SECTION_TITLES),
        'Lost bags at LHR',
      ])
        expect(text).toContain(h);
      expect(text).toContain('<script>alert("pwned")</script>');
    },
    120_000,
  );
});
