import { describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { parse as parseCsv } from 'csv-parse/sync';
import { readMentions, InputFormatError, type ReadItem } from './read-mentions';
import { loadPreset } from './preset';

const HEADER = 'id,channel,author,text,created_at';
const row = (id: string, text: string) => `${id},twitter,@u${id},${text},2015-02-24T11:35:52-08:00`;

/** Reads an input given as byte chunks (so records straddle chunk boundaries). */
async function read(
  input: Buffer | string,
  format: 'csv' | 'jsonl' = 'csv',
  chunk = 7,
): Promise<ReadItem[]> {
  const buf = Buffer.isBuffer(input) ? input : Buffer.from(input);
  const chunks: Buffer[] = [];
  for (let i = 0; i < buf.length; i += chunk) chunks.push(buf.subarray(i, i + chunk));
  const items: ReadItem[] = [];
  for await (const c of readMentions(Readable.from(chunks), { format })) items.push(...c.items);
  return items;
}

const good = (items: ReadItem[]) =>
  items.flatMap((i) => ('input' in i ? [i.input.externalId] : []));
const bad = (items: ReadItem[]) =>
  items.flatMap((i) => ('error' in i ? [[i.line, i.error] as const] : []));

describe('reading CSV', () => {
  it('keeps multi-line text, quotes, emoji and entities exactly', async () => {
    const items = await read(
      [HEADER, row('1', '"two\nlines, ""quoted"""'), row('2', '😡 &amp; <b>'), ''].join('\r\n'),
    );
    expect(bad(items)).toEqual([]);
    expect(items.map((i) => ('input' in i ? i.input.text : ''))).toEqual([
      'two\nlines, "quoted"',
      '😡 &amp; <b>',
    ]);
    expect(items.map((i) => i.line)).toEqual([2, 4]);
  });

  it('reads every row as csv-parse does, whether or not it needs quoting', async () => {
    // Texts with and without the characters that force quoting, mixed in one file: rows without
    // a quote take the split-on-commas path, the others csv-parse's.
    const text = fc.string({
      unit: fc.constantFrom('a', 'é', '😡', ' ', ',', '"', '\n', '<', 'x'),
      maxLength: 12,
    });
    await fc.assert(
      fc.asyncProperty(fc.array(text, { minLength: 1, maxLength: 20 }), async (texts) => {
        const field = (t: string) => (/[",\n]/.test(t) ? `"${t.replaceAll('"', '""')}"` : t);
        const file = [HEADER, ...texts.map((t, i) => row(String(i + 1), field(t)))].join('\n');
        const items = await read(file, 'csv', 64);
        const expected = (parseCsv(file, { from_line: 2 }) as string[][]).map((r) => r[3] ?? '');
        const got = items.map((i) => ('input' in i ? i.input.text : `error: ${i.error}`));
        // Rows whose text is empty are refused as "no text"; every other row reads back exactly.
        expect(got.filter((g) => !g.startsWith('error'))).toEqual(expected.filter((t) => t !== ''));
      }),
      { numRuns: 200 },
    );
  });

  it('refuses a file without a required column, saying which', async () => {
    await expect(read('id,author,text\n1,@a,hi\n')).rejects.toThrow(InputFormatError);
    await expect(read('id,author,text\n1,@a,hi\n')).rejects.toThrow(/"channel", "created_at"/);
  });

  it('reports rows with too few or too many fields and keeps the rest', async () => {
    const items = await read(
      [HEADER, row('1', 'ok'), '2,twitter,@u2', row('3', 'ok') + ',extra', row('4', 'ok')].join(
        '\n',
      ),
    );
    expect(good(items)).toEqual(['1', '4']);
    expect(bad(items)).toEqual([
      [3, 'expected 5 fields, found 3'],
      [4, 'expected 5 fields, found 6'],
    ]);
  });

  it('reports broken quoting by line and loses no good row after it', async () => {
    const items = await read(
      [
        HEADER,
        row('1', 'ok'),
        row('2', 'say x"oops'),
        row('3', '"never closed'),
        row('4', 'ok'),
        row('5', 'ok'),
      ].join('\n'),
    );
    expect(good(items)).toEqual(['1', '4', '5']);
    expect(bad(items).map(([line]) => line)).toEqual([3, 4]);
    expect(bad(items)[1]?.[1]).toMatch(/quote/);
  });

  it('reports invalid UTF-8 by line instead of inventing characters', async () => {
    const input = Buffer.concat([
      Buffer.from(`${HEADER}\n${row('1', 'ok')}\n${row('2', 'bad ')}`),
      Buffer.from([0xff, 0xfe]),
      Buffer.from(`\n${row('3', 'zażółć')}\n`),
    ]);
    const items = await read(input);
    expect(good(items)).toEqual(['1', '3']);
    expect(bad(items)).toEqual([[3, 'invalid UTF-8 bytes in this record']]);
  });

  it('reports a 10 MB field without holding it in memory, and keeps the rows around it', async () => {
    const huge = 'x'.repeat(10 * 1024 * 1024);
    const input = [
      HEADER,
      row('1', 'ok'),
      row('2', huge),
      row('3', `"${huge}"`),
      row('4', 'ok'),
    ].join('\n');
    const before = process.memoryUsage().rss;
    const items = await read(input, 'csv', 64 * 1024);
    expect(good(items)).toEqual(['1', '4']);
    expect(
      bad(items).map(([line, e]) => [line, e.includes('larger than') || e.includes('runs past')]),
    ).toEqual([
      [3, true],
      [4, true],
    ]);
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
  });

  it('reports a bad time or a missing text by field', async () => {
    const items = await read(
      [
        HEADER,
        '1,twitter,@a,hello,yesterday',
        '2,twitter,@a,,2015-02-24T11:35:52-08:00',
        '3,telegraph,@a,hi,2015-02-24T11:35:52Z',
      ].join('\n'),
    );
    expect(bad(items).map(([l, e]) => `${l} ${e.split(':')[0]}`)).toEqual([
      '2 occurredAt',
      '3 text',
      '4 channel',
    ]);
  });
});

describe('reading JSONL', () => {
  it('maps objects by path, and reports bad lines by number', async () => {
    const lines = [
      JSON.stringify({
        id: 'a',
        channel: 'email',
        author: 'jan@example.com',
        text: 'Gdzie mój zwrot?',
        created_at: '2024-05-01T10:00:00+02:00',
        brand: 'Acme',
      }),
      '{"id": "b", broken',
      '[1, 2]',
      '',
      JSON.stringify({
        id: 'c',
        channel: 'phone',
        author: '+48 600',
        text: 'Called twice',
        created_at: '2024-05-01T10:05:00Z',
      }),
    ];
    const items = await read(lines.join('\n'), 'jsonl');
    expect(good(items)).toEqual(['a', 'c']);
    expect(bad(items).map(([l]) => l)).toEqual([2, 3]);
    expect(items[0] && 'input' in items[0] ? items[0].input.brand : null).toBe('Acme');
  });
});

describe('presets', () => {
  it('load and validate, with a clear error for an unknown one', async () => {
    expect((await loadPreset('airline-2015')).metadata).toContain('airline_sentiment');
    await expect(loadPreset('nope')).rejects.toThrow(/no preset "nope"/);
    await expect(loadPreset('../etc/passwd')).rejects.toThrow(/no preset/);
  });
});
