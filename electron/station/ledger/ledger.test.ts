import { afterEach, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { StationCore } from '../core/core';
import { dataPaths } from '../core/data-dir';
import { openReadDb } from '../db/connection';
import { opsOfOrigin } from '../db/queries/ops';
import { ingestDraft, ingestDrafts, prepareIngestItem } from '../ingest/ingest-draft';
import type { OpDraft } from '../ops/op';
import { admitByProof } from '../room/join';
import { joinRequestFor } from '../room/join-proof';
import { createOperator, createWarRoom } from '../room/war-room';
import { tempDir } from '../test-support/temp-dir';
import type { MentionInput } from '../../../shared/domain/mention';
import { exportLedger } from './export-ledger';
import { ledgerLines } from './ledger-lines';
import { MESSAGING_OPS } from './ledger-ops';
import { verifyLedger, type LedgerReport } from './verify-ledger';

const ROOT = path.resolve(__dirname, '../../..');
const BIN = path.join(ROOT, 'bin/holdline.js');

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

/** A station with a fresh war room in a temp data folder (the lock held by this process). */
async function station(name = 'Storm week') {
  const t = tempDir('holdline-ledger-');
  const core = await StationCore.open(t.dir);
  cleanups.push(t.cleanup, () => core.close());
  const room = await createWarRoom(core, {
    warRoom: name,
    username: 'lead',
    displayName: 'Lea',
    password: 'correct horse',
  });
  return { core, dir: t.dir, room };
}

function mention(externalId: string, text: string): MentionInput {
  return {
    author: { handle: `@p${externalId}` },
    channel: 'twitter',
    externalId,
    metadata: {},
    occurredAt: '2015-02-22T10:00:00-08:00',
    text,
  };
}

const said = (type: string, actor: string, subject: string, payload: object): OpDraft => ({
  type,
  v: 1,
  actor,
  subject,
  payload,
});

/** Mentions coming in and the approved-messaging record of a reply to them. */
async function sayThings(core: StationCore, lead: string): Promise<void> {
  const legal = await createOperator(core, lead, {
    username: 'lex',
    displayName: 'Lex',
    password: 'legal-password',
    role: 'approver',
    departments: [],
  });
  const source = { connector: 'manual' as const };
  await core.commit([ingestDraft(mention('t1', 'my bag is lost'), lead, source)]);
  await core.commit(
    ingestDrafts(
      ['t2', 't3', 't4'].map((id) => prepareIngestItem(mention(id, `flight ${id} cancelled 😡`))),
      lead,
      { connector: 'csv', importId: 'imp-1' },
    ),
  );
  await core.commit([
    said('message.draft', lead, 'msg-1', { text: 'We are sorry — “bags” are on the way.' }),
    said('message.review', legal, 'msg-1', { area: 'legal', verdict: 'approved' }),
  ]);
  await core.commit([ingestDraft(mention('t5', 'still waiting'), lead, source)]);
  await core.commit([said('message.send', lead, 'msg-1', { channel: 'twitter', to: 't1' })]);
  await core.commit([
    said('message.draft', lead, 'st-1', { text: 'Holding statement' }),
    said('message.retire', lead, 'st-1', { reason: 'superseded' }),
    said('policy.set', lead, 'policy', { needs: ['legal'] }),
  ]);
}

/** The ledger of a station's data folder, exported through a read-only connection of its own. */
async function exportOf(core: StationCore, now?: () => Date): Promise<Buffer> {
  const read = await openReadDb(dataPaths(core.dataDir).db);
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk);
      done();
    },
  });
  try {
    await exportLedger(read, out, { key: core.key, ...(now && { now }) });
  } finally {
    await read.close();
  }
  return Buffer.concat(chunks);
}

const verifyBytes = (bytes: Buffer): Promise<LedgerReport> => verifyLedger(ledgerLines([bytes]));
const linesOf = (bytes: Buffer) =>
  bytes
    .toString('utf8')
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
/** The line (from 1) holding byte `pos`; a line's "\n" belongs to it. */
const lineAt = (bytes: Buffer, pos: number) =>
  1 + bytes.subarray(0, pos).filter((b) => b === 10).length;

function flipped(bytes: Buffer, pos: number, mask = 0x01): Buffer {
  const copy = Buffer.from(bytes);
  copy[pos] = (copy[pos] as number) ^ mask;
  return copy;
}

/** Positions of the value after `"key":` in the nth line (from 1) holding `needle`. */
function inField(bytes: Buffer, needle: string, key: string, offsets = [1, 5]): number[] {
  const text = bytes.toString('latin1');
  const lineStart = text.lastIndexOf('\n', text.indexOf(needle)) + 1;
  const at = text.indexOf(`"${key}":`, lineStart);
  if (at < 0) throw new Error(`no ${key} near ${needle}`);
  return offsets.map((o) => at + key.length + 3 + o);
}

/** Flips each position and expects verify to fail, naming the line that holds the byte. */
async function expectCaught(bytes: Buffer, positions: readonly number[], masks = [0x01]) {
  const missed: string[] = [];
  for (const pos of positions)
    for (const mask of masks) {
      const r = await verifyBytes(flipped(bytes, pos, mask));
      const want = lineAt(bytes, pos);
      if (r.ok || r.firstBad?.line !== want)
        missed.push(`byte ${pos} ^${mask} (line ${want}): ${JSON.stringify(r.firstBad)}`);
    }
  expect(missed).toEqual([]);
}

describe('ledger export', () => {
  it('writes a signed first line, then every op by origin and seq: messaging ops and station admissions whole, the rest (accounts included) as stubs', async () => {
    const { core, room } = await station();
    await sayThings(core, room.adminId);
    // An erased payload is already null in the log: it stays a stub, and the ledger still verifies.
    await core.db.run(`UPDATE ops SET payload = NULL WHERE type = 'policy.set'`);
    const bytes = await exportOf(core, () => new Date('2025-03-01T12:00:00.000Z'));
    const [head, ...ops] = linesOf(bytes);
    const all = await opsOfOrigin(core.db, core.stationId);
    expect(head).toMatchObject({
      format: 'holdline-ledger',
      version: 1,
      room: { id: room.warRoomId, name: 'Storm week' },
      genesis: all[0]?.id,
      exportedAt: '2025-03-01T12:00:00.000Z',
      exportedBy: core.stationId,
      origins: [{ origin: core.stationId, ops: all.length, head: all.at(-1)?.id }],
      counts: { ops: all.length, withPayload: 7, stubs: all.length - 7 },
    });
    expect(ops.map((o) => [o.origin, o.seq, o.id])).toEqual(
      all.map((o) => [o.origin, o.seq, o.id]),
    );
    const payloadOf = (type: string) => ops.find((o) => o.type === type)?.payload;
    for (const type of ['room.create', 'station.admit', ...MESSAGING_OPS])
      if (type !== 'policy.set') expect(payloadOf(type), type).not.toBeNull();
    expect(payloadOf('message.draft')).toEqual({ text: 'We are sorry — “bags” are on the way.' });
    for (const type of ['policy.set', 'room.join-code', 'mention.ingest', 'operator.create'])
      expect(payloadOf(type), type).toBeNull();
    expect(ops.every((o) => typeof o.payloadHash === 'string' && !('subject' in o))).toBe(true);

    const report = await verifyBytes(bytes);
    expect(report).toEqual({
      ok: true,
      entries: all.length,
      chains: [{ origin: core.stationId, ops: all.length, admitted: true, problems: 0 }],
      room: { id: room.warRoomId, name: 'Storm week' },
      genesis: all[0]?.id,
    });
  });

  it('reads one snapshot while the station keeps committing', async () => {
    const { core, room } = await station();
    await sayThings(core, room.adminId);
    const read = await openReadDb(dataPaths(core.dataDir).db);
    cleanups.push(() => read.close());
    const chunks: Buffer[] = [];
    // A slow reader of the file: the export waits for it after its first line, while ops land.
    const out = new Writable({
      highWaterMark: 1,
      write(chunk: Buffer, _enc, done) {
        chunks.push(chunk);
        setTimeout(done, 100);
      },
    });
    const exporting = exportLedger(read, out, { key: core.key });
    await core.commit([said('message.draft', room.adminId, 'msg-2', { text: 'Late words' })]);
    await core.commit([
      ingestDraft(mention('t9', 'late mention'), room.adminId, { connector: 'manual' }),
    ]);
    const header = await exporting;
    expect(header.counts.ops).toBe(15);
    expect(await verifyBytes(Buffer.concat(chunks))).toMatchObject({ ok: true, entries: 15 });
  });

  it('verifies for a room where nothing has been said yet', async () => {
    const { core } = await station('Quiet');
    const bytes = await exportOf(core);
    expect(linesOf(bytes)).toHaveLength(6);
    expect(await verifyBytes(bytes)).toMatchObject({ ok: true, entries: 5 });
  });
});

describe('ledger verify', () => {
  it('names the line of any one byte flipped: in a payload, a header field, a signature, the first line', async () => {
    const { core, room } = await station();
    await sayThings(core, room.adminId);
    const bytes = await exportOf(core);
    const text = bytes.toString('latin1');
    const newlines = [...text.matchAll(/\n/g)].map((m) => m.index);
    const positions = [
      ...inField(bytes, '"type":"message.draft"', 'payload', [2, 10, 30]),
      ...inField(bytes, '"type":"operator.create"', 'payloadHash', [5, 60]),
      ...inField(bytes, '"type":"station.admit"', 'payload', [40, 300]),
      ...inField(bytes, '"type":"mention.ingest"', 'hlc'),
      ...inField(bytes, '"type":"mention.ingest"', 'type'),
      ...inField(bytes, '"type":"mention.ingest"', 'payloadHash'),
      ...inField(bytes, '"type":"mention.ingest"', 'prev'),
      ...inField(bytes, '"type":"mention.ingest"', 'seq', [0]),
      ...inField(bytes, '"type":"mention.ingest"', 'actor'),
      ...inField(bytes, '"type":"mention.ingest"', 'origin'),
      ...inField(bytes, '"type":"message.review"', 'id', [0, 63]),
      ...inField(bytes, '"type":"message.send"', 'sig', [0, 40, 85, 86]),
      ...inField(bytes, '"type":"message.send"', 'v', [0]),
      ...inField(bytes, '"format"', 'exportedAt', [0, 15, 20]),
      ...inField(bytes, '"format"', 'room', [8, 40]),
      ...inField(bytes, '"format"', 'genesis', [3]),
      ...inField(bytes, '"format"', 'counts', [8]),
      ...inField(bytes, '"format"', 'origins', [14]),
      ...inField(bytes, '"format"', 'sig', [0, 85]),
      ...inField(bytes, '"format"', 'exportedBy', [4]),
      ...newlines,
      // and a spread over the whole file
      ...Array.from({ length: Math.floor(bytes.length / 53) }, (_, i) => i * 53 + 7),
    ];
    await expectCaught(bytes, positions);
    // Other bit patterns where a byte could become whitespace, a quote or a line break.
    await expectCaught(
      bytes,
      [...newlines.slice(0, 3), ...inField(bytes, '"format"', 'room')],
      [0x02, 0x07, 0x2a, 0x80],
    );
  });

  it('catches every single-byte flip in a fresh room’s ledger', async () => {
    const { core } = await station('Quiet');
    const bytes = await exportOf(core);
    await expectCaught(
      bytes,
      Array.from({ length: bytes.length }, (_, i) => i),
    );
  }, 120_000);

  it('takes station keys from admissions in the export, chain by chain, and names an origin nobody admitted', async () => {
    const a = await station();
    const tb = tempDir('holdline-ledger-b-');
    const b = await StationCore.open(tb.dir);
    cleanups.push(tb.cleanup, () => b.close());
    await admitByProof(
      a.core,
      joinRequestFor(b, a.room.joinCode, a.core.tls.fingerprint, 'desk 2'),
    );
    await b.applyReplicated(await opsOfOrigin(a.core.db, a.core.stationId));
    await b.commit([said('message.draft', a.room.adminId, 'msg-b', { text: 'From desk 2' })]);
    await a.core.applyReplicated(await opsOfOrigin(b.db, b.stationId));

    const bytes = await exportOf(a.core);
    const report = await verifyBytes(bytes);
    expect(report.ok).toBe(true);
    expect(report.chains.map((c) => [c.origin, c.admitted])).toEqual(
      [a.core.stationId, b.stationId].sort().map((o) => [o, true]),
    );
    // B's key sits in its admission in A's chain: any flip there, or in B's chain, is named.
    const admission = bytes.toString('latin1').indexOf('"name":"desk 2"');
    await expectCaught(bytes, [
      admission,
      ...inField(bytes, '"name":"desk 2"', 'payload', [10, 100, 200]),
      ...inField(bytes, '"From desk 2"', 'sig', [3]),
    ]);

    // A station that was never admitted: its chain is intact, but nothing in the room vouches for it.
    const tc = tempDir('holdline-ledger-c-');
    const c = await StationCore.open(tc.dir);
    cleanups.push(tc.cleanup, () => c.close());
    await c.commit([said('message.draft', 'someone', 'msg-c', { text: 'not a member' })]);
    await a.core.applyReplicated(await opsOfOrigin(c.db, c.stationId));
    const withStranger = await exportOf(a.core);
    const strangerLine = linesOf(withStranger).findIndex((l) => l.origin === c.stationId) + 1;
    expect(await verifyBytes(withStranger)).toMatchObject({
      ok: false,
      firstBad: {
        line: strangerLine,
        origin: c.stationId,
        seq: 1,
        reason: `station ${c.stationId} has no admission in this export`,
      },
    });
  });

  it('finds a line that is not an op, a missing line, a truncated file and a respelt signature', async () => {
    const { core, room } = await station();
    await sayThings(core, room.adminId);
    const lines = (await exportOf(core)).toString('utf8').trimEnd().split('\n');
    const bad = async (edited: string[]) => (await verifyLedger(edited)).firstBad;
    expect(await bad(lines.map((l, i) => (i === 3 ? '{"hello":1}' : l)))).toMatchObject({
      line: 4,
      reason: expect.stringMatching(/^not an op/),
    });
    expect(await bad(lines.filter((_, i) => i !== 5))).toMatchObject({
      line: 6,
      reason: 'expected seq 5',
    });
    // Cut after a signed op: every chain still verifies, but the signed first line says what is missing.
    expect(await bad(lines.slice(0, 6))).toMatchObject({
      line: 1,
      reason: expect.stringMatching(/^station .* chain should hold/),
    });
    expect(await bad([])).toMatchObject({ line: 1, reason: 'the file is empty' });
    // The same signature bytes spelt differently (the last digit's padding bits set): caught too.
    const signed = lines.findIndex((l, i) => i > 0 && !l.includes('"sig":null'));
    const respelt = lines[signed]?.replace(
      /([AQgw])==/,
      (_, c: string) => `${String.fromCharCode(c.charCodeAt(0) + 1)}==`,
    );
    expect(Buffer.from(/"sig":"([^"]+)"/.exec(respelt ?? '')?.[1] ?? '', 'base64')).toEqual(
      Buffer.from(/"sig":"([^"]+)"/.exec(lines[signed] ?? '')?.[1] ?? '', 'base64'),
    );
    expect(await bad(lines.map((l, i) => (i === signed ? (respelt as string) : l)))).toMatchObject({
      line: signed + 1,
      reason: expect.stringMatching(/not canonical base64/),
    });
  });
});

describe('ledger lines', () => {
  it('splits at "\\n" only, keeps a last line without one, and cuts an overlong line short', async () => {
    const read = async (...chunks: string[]) => {
      const out: string[] = [];
      for await (const l of ledgerLines(chunks.map((c) => Buffer.from(c)))) out.push(l.toString());
      return out;
    };
    expect(await read('{"a":1}\n{"b"', ':2}\r\n', '{"c":3}')).toEqual([
      '{"a":1}',
      '{"b":2}\r',
      '{"c":3}',
    ]);
    expect(await read('x\n\n')).toEqual(['x', '']);
    const long = await read('a'.repeat(5_000_000), 'b'.repeat(5_000_000), 'c\nnext\n');
    expect(long.map((l) => l.length)).toEqual([8 * 1024 * 1024, 4]);
  });
});

describe('holdline ledger (CLI)', () => {
  /** `holdline …` through bin/holdline.js, as cli.test.ts runs it, without blocking this process. */
  const holdline = (...args: string[]) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = execFile(
        process.execPath,
        [BIN, ...args],
        { cwd: ROOT, timeout: 60_000 },
        (_err, stdout, stderr) => resolve({ code: child.exitCode, stdout, stderr }),
      );
    });

  it('exports while the station holds its data folder, and verify exits 0, 1 or 2', async () => {
    const { core, dir, room } = await station();
    await sayThings(core, room.adminId);
    expect(existsSync(dataPaths(dir).lock)).toBe(true);
    const file = path.join(dir, 'ledger.jsonl');

    const exported = await holdline('ledger', 'export', '--data', dir, '--out', file);
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    expect(JSON.parse(exported.stdout)).toMatchObject({
      out: file,
      chains: 1,
      ops: 15,
      withPayload: 8,
      stubs: 7,
    });
    expect(existsSync(`${file}.part`)).toBe(false);

    const good = await holdline('ledger', 'verify', file);
    expect(good.code).toBe(0);
    expect(JSON.parse(good.stdout)).toMatchObject({ ok: true, entries: expect.any(Number) });
    expect(good.stderr).toMatch(/verified: \d+ ops in 1 chain\(s\) of room "Storm week"/);

    const bytes = readFileSync(file);
    const pos = inField(bytes, '"type":"message.draft"', 'payload', [12])[0] as number;
    writeFileSync(file, flipped(bytes, pos));
    const bad = await holdline('ledger', 'verify', file);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({
      ok: false,
      firstBad: { line: lineAt(bytes, pos), reason: 'payload does not match its hash' },
    });
    expect(bad.stderr).toMatch(/DOES NOT VERIFY[\s\S]*first bad entry: line \d+ \(op [0-9a-f]{64}/);

    expect((await holdline('ledger', 'verify')).code).toBe(2);
    expect((await holdline('ledger', 'verify', path.join(dir, 'nope.jsonl'))).code).toBe(2);
    expect((await holdline('ledger', 'export', '--data', dir)).code).toBe(2);
    expect((await holdline('ledger', 'shred')).code).toBe(2);
  }, 120_000);
});
