import { WRITER_CHECKPOINT_PAGES } from '../db/checkpointer';
import { describe, expect, it } from 'vitest';
import { testCores } from '../test-support/test-cores';
import { Readable } from 'node:stream';
import { StationCore } from '../core/core';
import { loadPreset } from '../connectors/preset';
import { InputFormatError } from '../connectors/read-mentions';
import { importMentions, type ImportOptions } from './import-job';
import { payloadHashOf } from '../ops/payload-hash';

const { openRoom } = testCores();

const station = () => openRoom('Worker');

// A generic-csv file of n rows: multi-line quoted texts, markup, a duplicate and a broken row.
function csvFile(n: number): string {
  const lines = ['id,channel,author,text,created_at'];
  for (let i = 0; i < n; i++) {
    const text =
      i % 10 === 0
        ? `"line one of ${i}\nline two, with ""quotes"""`
        : i % 7 === 0
          ? `<script>alert(${i})</script> bag lost`
          : i % 11 === 0
            ? `uçuş ${i} iptal edildi 😡 — ¿reembolso?`
            : `"flight ${i} delayed again, worst service"`;
    lines.push(`${1000 + i},twitter,@flyer${i % 13},${text},2015-02-2${i % 8}T10:00:00Z`);
  }
  lines.push(`1003,twitter,@flyer3,flight 3 delayed again,2015-02-23T10:00:00Z`); // duplicate id
  lines.push(`2000,twitter,@broken,"never closed,2015-02-23T10:00:00Z`);
  return lines.join('\n') + '\n';
}

const chunked = (text: string, size = 4096) =>
  Readable.from(
    (function* () {
      const bytes = Buffer.from(text);
      for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
    })(),
  );

const options = (adminId: string, thread: 'worker' | 'here'): ImportOptions => ({
  format: 'csv',
  actor: adminId,
  connector: 'csv',
  bytesTotal: null,
  thread,
});

// Each ingest op's payload as stored: text (not bytes) whose hash is the one the op carries.
async function expectPayloadsVerify(core: StationCore): Promise<number> {
  const ops = await core.db.all<{ type: string; kind: string; payload: string; hash: string }>(
    `SELECT type, typeof(payload) AS kind, payload, payload_hash AS hash FROM ops
     WHERE type = 'mention.ingest'`,
  );
  for (const o of ops) {
    expect(o.kind).toBe('text');
    expect(payloadHashOf(o.type, JSON.parse(o.payload))).toBe(o.hash);
  }
  return ops.length;
}

const mentionsOf = (core: StationCore) =>
  core.db.all(
    `SELECT id, text, author_handle, occurred_ms, language, sentiment_label, priority, duplicates
     FROM mentions ORDER BY id`,
  );

describe('import on a worker thread', () => {
  it('gives the same mentions, counts and row errors as preparing on the station thread', async () => {
    const file = csvFile(12_000);
    const here = await station();
    const there = await station();
    const a = await importMentions(here.core, chunked(file), options(here.adminId, 'here'));
    const b = await importMentions(there.core, chunked(file), options(there.adminId, 'worker'));
    expect(a).toMatchObject({ rows: 12_002, imported: 12_000, duplicates: 1, errors: 1 });
    expect(b).toEqual({ ...a, bytesTotal: null });
    expect(b.rowErrors).toEqual([expect.objectContaining({ line: expect.any(Number) })]);
    const rows = await mentionsOf(there.core);
    expect(rows).toHaveLength(12_000);
    expect(rows).toEqual(await mentionsOf(here.core));
    expect(rows).toContainEqual(
      expect.objectContaining({ id: 'twitter:1007', text: '<script>alert(7)</script> bag lost' }),
    );
    expect(rows).toContainEqual(
      expect.objectContaining({
        id: 'twitter:1011',
        text: 'uçuş 11 iptal edildi 😡 — ¿reembolso?',
      }),
    );
    // Workers hand payloads over as UTF-8 bytes: they must land as the same verifiable text.
    expect(await expectPayloadsVerify(there.core)).toBeGreaterThan(1);
    expect(await expectPayloadsVerify(here.core)).toBeGreaterThan(1);
  }, 60_000);

  it('fails with the reason when the file does not fit the preset, and lands nothing', async () => {
    const { core, adminId } = await station();
    const preset = await loadPreset('airline-2015');
    const run = importMentions(core, chunked(csvFile(50)), {
      ...options(adminId, 'worker'),
      preset,
    });
    await expect(run).rejects.toThrow(InputFormatError);
    await expect(run).rejects.toThrow(/has no column "tweet_id"/);
    expect((await core.db.get<{ n: number }>('SELECT count(*) AS n FROM mentions'))?.n).toBe(0);
  });

  it('stops when the input breaks off, keeping the batches already committed', async () => {
    const { core, adminId } = await station();
    const good = Buffer.from(csvFile(30_000));
    const broken = Readable.from(
      (async function* () {
        for (let i = 0; i < good.length / 2; i += 65_536) yield good.subarray(i, i + 65_536);
        throw new Error('connection reset by peer');
      })(),
    );
    await expect(importMentions(core, broken, options(adminId, 'worker'))).rejects.toThrow(
      /connection reset/,
    );
    const n = (await core.db.get<{ n: number }>('SELECT count(*) AS n FROM mentions'))?.n ?? 0;
    expect(n % 5_000).toBe(0); // whole batches only, never half of one
    // The bulk-write setting (rare checkpoints) ends with the import, failed or not.
    expect(
      (await core.db.get<{ wal_autocheckpoint: number }>('PRAGMA wal_autocheckpoint'))
        ?.wal_autocheckpoint,
    ).toBe(WRITER_CHECKPOINT_PAGES);
  });
});
