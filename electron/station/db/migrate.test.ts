import { afterEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { openDb, type Db } from './connection';
import { MIGRATIONS, migrate } from './migrate';
import { tempDir } from '../test-support/temp-dir';
import { identifiersOf } from '../../../shared/contacts/identifiers';

let db: Db | null = null;
let cleanup: (() => void) | null = null;

async function fresh(): Promise<Db> {
  const t = tempDir();
  cleanup = t.cleanup;
  db = await openDb(path.join(t.dir, 'test.db'));
  return db;
}

afterEach(async () => {
  await db?.close();
  cleanup?.();
  db = null;
});

const tables = async (d: Db) =>
  (
    await d.all<{ name: string }>(
      `SELECT name FROM sqlite_schema WHERE type IN ('table') ORDER BY name`,
    )
  ).map((r) => r.name);

describe('migrations', () => {
  it('are numbered 1..n with unique names', () => {
    expect(MIGRATIONS.map((m) => m.id)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(new Set(MIGRATIONS.map((m) => m.name)).size).toBe(MIGRATIONS.length);
  });

  it('run once each and record the schema version', async () => {
    const d = await fresh();
    expect(await migrate(d)).toEqual(MIGRATIONS.map((m) => m.id));
    expect(await migrate(d)).toEqual([]);
    expect((await d.get<{ user_version: number }>('PRAGMA user_version'))?.user_version).toBe(
      MIGRATIONS.length,
    );
    expect((await d.get<{ journal_mode: string }>('PRAGMA journal_mode'))?.journal_mode).toBe(
      'wal',
    );
    expect((await d.get<{ foreign_keys: number }>('PRAGMA foreign_keys'))?.foreign_keys).toBe(1);
  });

  it('0001 creates the op log, unique per origin and seq', async () => {
    const d = await fresh();
    await migrate(d, 1);
    expect(await tables(d)).toEqual(expect.arrayContaining(['ops', 'op_effects', 'local_meta']));
    const insert = (id: string, seq: number) =>
      d.run(
        `INSERT INTO ops (id, origin, seq, hlc, actor, type, v, payload_hash) VALUES (?, 'st-a', ?, 'h', 'x', 't.t', 1, 'p')`,
        [id, seq],
      );
    await insert('a', 1);
    await expect(insert('b', 1)).rejects.toThrow(/UNIQUE/);
    await expect(insert('c', 0)).rejects.toThrow(/CHECK/);
    await expect(
      d.run(`INSERT INTO op_effects (op_id, subject, effect) VALUES ('a', 's', 'maybe')`),
    ).rejects.toThrow(/CHECK/);
    const plan = await d.all<{ detail: string }>(
      `EXPLAIN QUERY PLAN SELECT * FROM ops WHERE id = 'a' AND type <> 'mention.ingest'`,
    );
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/ops_id/);
  });

  it('0002 creates room and people with role checks and local sessions', async () => {
    const d = await fresh();
    await migrate(d, 2);
    expect(await tables(d)).toEqual(
      expect.arrayContaining(['room', 'stations', 'operators', 'join_codes', 'sessions']),
    );
    const op = (role: string) =>
      d.run(
        `INSERT INTO operators (id, username, display_name, role, password_hash, created_hlc, updated_hlc) VALUES (?, ?, 'N', ?, 'h', 'h', 'h')`,
        [role, role, role],
      );
    await op('admin');
    await expect(op('overlord')).rejects.toThrow(/CHECK/);
    await expect(d.run(`INSERT INTO sessions VALUES ('t', 'ghost', 'a', 'b')`)).rejects.toThrow(
      /FOREIGN KEY/,
    );
  });

  it('0003 creates mentions whose text is searchable through FTS5 and kept in sync', async () => {
    const d = await fresh();
    await migrate(d, 3);
    const add = (id: string, text: string) =>
      d.run(
        `INSERT INTO mentions (id, channel, external_id, author_handle, text, occurred_at, occurred_ms, recorded_hlc, source_op, language, sentiment_score, sentiment_label, priority)
         VALUES (?, 'twitter', ?, '@a', ?, 'x', 0, 'h', 'o', 'en', 0, 'neutral', 0)`,
        [id, id, text],
      );
    await add('m1', 'Flight délayed again');
    await add('m2', 'Great crew today');
    const hits = async (q: string) =>
      (
        await d.all<{ id: string }>(
          `SELECT m.id FROM mentions_fts f JOIN mentions m ON m.seq = f.rowid WHERE mentions_fts MATCH ?`,
          [q],
        )
      ).map((r) => r.id);
    expect(await hits('delayed')).toEqual(['m1']);
    await d.run(`UPDATE mentions SET text = 'crew was late' WHERE id = 'm1'`);
    expect(await hits('delayed')).toEqual([]);
    expect((await hits('crew')).sort()).toEqual(['m1', 'm2']);
    await expect(d.run(`UPDATE mentions SET status = 'reopened' WHERE id = 'm1'`)).rejects.toThrow(
      /CHECK/,
    );
  });

  it('0004 indexes ingest ops by id too, keeping the ops already stored', async () => {
    const d = await fresh();
    await migrate(d, 3);
    await d.run(
      `INSERT INTO ops (id, origin, seq, hlc, actor, type, v, payload_hash) VALUES ('ing', 'st-a', 1, 'h', 'x', 'mention.ingest', 2, 'p')`,
    );
    const planFor = async () =>
      (await d.all<{ detail: string }>(`EXPLAIN QUERY PLAN SELECT * FROM ops WHERE id = 'ing'`))
        .map((p) => p.detail)
        .join(' ');
    expect(await planFor()).not.toMatch(/ops_id/);
    await migrate(d, 4);
    expect(await planFor()).toMatch(/ops_id/);
    expect((await d.get<{ id: string }>(`SELECT id FROM ops WHERE id = 'ing'`))?.id).toBe('ing');
  });

  it('0005 keeps each station’s TLS certificate', async () => {
    const d = await fresh();
    await migrate(d, 4);
    await d.run(
      `INSERT INTO stations (id, public_key, name, admitted_hlc, admitted_by) VALUES ('st-a', 'k', 'A', 'h', 'x')`,
    );
    await migrate(d, 5);
    expect(await d.get(`SELECT id, tls_cert FROM stations`)).toEqual({
      id: 'st-a',
      tls_cert: null,
    });
    await d.run(`UPDATE stations SET tls_cert = 'PEM' WHERE id = 'st-a'`);
    expect((await d.get<{ tls_cert: string }>(`SELECT tls_cert FROM stations`))?.tls_cert).toBe(
      'PEM',
    );
  });

  it('0006 counts answers per mention, 0 for mentions already there', async () => {
    const d = await fresh();
    await migrate(d, 5);
    await d.run(
      `INSERT INTO mentions (id, channel, external_id, author_handle, text, occurred_at, occurred_ms, recorded_hlc, source_op, language, sentiment_score, sentiment_label, priority)
       VALUES ('m1', 'twitter', 'm1', '@a', 'hi', 'x', 0, 'h', 'o', 'en', 0, 'neutral', 0)`,
    );
    await migrate(d, 6);
    expect((await d.get<{ answers: number }>(`SELECT answers FROM mentions`))?.answers).toBe(0);
  });

  it('0007 keeps playbook runs with their versions, and finds due runs by index', async () => {
    const d = await fresh();
    await migrate(d, 7);
    await d.run(
      `INSERT INTO runs (id, playbook_id, playbook_name, playbook_version, engine, state, severity, commander_id, started_at, started_by, context, next_due)
       VALUES ('r1', 'product-recall', 'Product recall', 'v1', 1, 'assess', 'SEV2', 'op', 't', 'op', '{}', 5)`,
    );
    const plan = await d.all<{ detail: string }>(
      `EXPLAIN QUERY PLAN SELECT id FROM runs WHERE next_due IS NOT NULL AND next_due <= 10`,
    );
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/runs_next_due/);
    await expect(d.run(`INSERT INTO runs (id) VALUES ('r2')`)).rejects.toThrow(/NOT NULL/);
  });

  it('0008 keeps one row per alert', async () => {
    const d = await fresh();
    await migrate(d, 8);
    const row = `('a1', 'volume-spike', 'Acme', 0, 1, 'SEV3', '{}', 'op1', 'h1')`;
    const insert = `INSERT INTO alerts (id, rule, key, window_start, window_end, severity, body, first_op, first_hlc) VALUES ${row}`;
    await d.run(insert);
    await expect(d.run(insert)).rejects.toThrow(/UNIQUE/);
    expect((await d.get<{ raised: number }>('SELECT raised FROM alerts'))?.raised).toBe(1);
  });

  it('0009 gives existing accounts no approval areas and keeps messages and their outbox', async () => {
    const d = await fresh();
    await migrate(d, 8);
    await d.run(
      `INSERT INTO operators (id, username, display_name, role, password_hash, created_hlc, updated_hlc)
       VALUES ('o1', 'ana', 'Ana', 'approver', 'x', 'h1', 'h1')`,
    );
    await migrate(d, 9);
    expect((await d.get<{ areas: string }>('SELECT areas FROM operators'))?.areas).toBe('[]');
    await expect(d.run(`INSERT INTO messages (id, kind) VALUES ('m1', 'tweet')`)).rejects.toThrow(
      /CHECK|NOT NULL/,
    );
    await d.run(
      `INSERT INTO outbox (op_id, url, body, next_at) VALUES ('op1', 'http://x', '{}', 0)`,
    );
    await expect(
      d.run(`INSERT INTO outbox (op_id, url, body, next_at) VALUES ('op1', 'http://y', '{}', 0)`),
    ).rejects.toThrow(/UNIQUE/);
  });

  it('0011 keeps events, one staffing state for the room and its changes', async () => {
    const d = await fresh();
    await migrate(d, 11);
    expect(await tables(d)).toEqual(
      expect.arrayContaining(['events', 'staffing_state', 'staffing_changes']),
    );
    const state = (id: string, level: string) =>
      d.run(
        `INSERT INTO staffing_state (id, engine, level, since, mode, summary, snapshot, last_hlc, last_op)
         VALUES (?, 1, ?, 0, 'auto', 'Normal', '{}', 'h', 'o')`,
        [id, level],
      );
    await state('room', 'surge');
    await expect(state('other', 'normal')).rejects.toThrow(/CHECK/);
    await d.run(`DELETE FROM staffing_state`);
    await expect(state('room', 'panic')).rejects.toThrow(/CHECK/);
    await d.run(
      `INSERT INTO staffing_changes (op_id, hlc, at, from_level, to_level, why, banner, notify_reserves)
       VALUES ('op1', 'h', 0, 'normal', 'surge', 'Surge: set by lead', 1, 1)`,
    );
    await expect(d.run(`INSERT INTO events (id, name) VALUES ('e1', 'Gala')`)).rejects.toThrow(
      /NOT NULL/,
    );
  });

  it('0010 gives existing accounts no expiry and no skills, and keeps the roster and shifts', async () => {
    const d = await fresh();
    await migrate(d, 9);
    await d.run(
      `INSERT INTO operators (id, username, display_name, role, password_hash, created_hlc, updated_hlc)
       VALUES ('o1', 'ana', 'Ana', 'operator', 'x', 'h1', 'h1')`,
    );
    await migrate(d, 10);
    expect(await d.get('SELECT expires_at, skills FROM operators')).toEqual({
      expires_at: null,
      skills: '[]',
    });
    await d.run(`INSERT INTO roster (operator_id, checked_in, updated_hlc) VALUES ('o1', 1, 'h2')`);
    expect(await d.get('SELECT skills, capacity FROM roster')).toEqual({
      skills: '[]',
      capacity: 3,
    });
    await expect(
      d.run(`INSERT INTO roster (operator_id, checked_in, updated_hlc) VALUES ('o1', 0, 'h3')`),
    ).rejects.toThrow(/UNIQUE/);
    await expect(d.run(`INSERT INTO shifts (id, operator_id) VALUES ('s1', 'o1')`)).rejects.toThrow(
      /NOT NULL/,
    );
  });

  it('0012 keeps held mentions routed as they were and times them with the default SLA', async () => {
    const d = await fresh();
    await migrate(d, 11);
    const hlc = '001763892000000-000000-s1'; // 2025-11-23T10:00:00Z
    await d.run(
      `INSERT INTO mentions (id, channel, external_id, author_handle, text, occurred_at,
         occurred_ms, recorded_hlc, source_op, department, language, sentiment_score,
         sentiment_label, priority)
       VALUES ('email:1', 'email', '1', 'a', 't', 'x', 0, ?, 'op', 'legal', 'en', 0, 'neutral', 85)`,
      [hlc],
    );
    await migrate(d, 12);
    const row = await d.get<Record<string, unknown>>('SELECT * FROM mentions');
    expect(row).toMatchObject({
      routed_department: 'legal',
      routed_priority: 85,
      routing: null,
      sla_due: 1763892000000 + 30 * 60_000, // urgent (15 min), e-mail ×2
      sla_warn_at: 1763892000000 + 22.5 * 60_000,
      sla_breach_op: null,
    });
    expect(await tables(d)).toContain('room_config');
  });

  it('0013 drops the per-mention copy of ingest routing and keeps what routing decided', async () => {
    const d = await fresh();
    await migrate(d, 12);
    await d.run(
      `INSERT INTO mentions (id, channel, external_id, author_handle, text, occurred_at,
         occurred_ms, recorded_hlc, source_op, language, sentiment_score, sentiment_label,
         priority, routing, routed_department, routed_priority)
       VALUES ('email:1', 'email', '1', 'a', 't', 'x', 0, 'h', 'op', 'en', 0, 'neutral', 85,
         '{"department":"legal"}', 'legal', 85)`,
    );
    await migrate(d, 13);
    const row = await d.get<Record<string, unknown>>('SELECT * FROM mentions');
    expect(row).not.toHaveProperty('routing');
    expect(row).toMatchObject({
      id: 'email:1',
      routed_department: 'legal',
      routed_priority: 85,
      routed_skills: null,
    });
  });

  it('0014 marks every existing message as not a wave answer', async () => {
    const d = await fresh();
    await migrate(d, 13);
    await d.run(
      `INSERT INTO messages (id, kind, created_by, created_hlc, version, version_by, version_hlc,
         text, content_hash, language, channel, topics, required, required_by, reviews,
         approved_areas, status, sends)
       VALUES ('m1', 'reply', 'u', 'h', 1, 'u', 'h', 't', 'c', 'en', 'twitter', '[]', '[]', '[]',
         '[]', '[]', 'draft', '[]')`,
    );
    await migrate(d, 14);
    expect(await d.get('SELECT id, wave FROM messages')).toEqual({ id: 'm1', wave: 0 });
    await expect(d.run(`UPDATE messages SET wave = 2`)).rejects.toThrow(/CHECK/);
  });

  it('0015 keeps existing rooms live and accepts only live or drill', async () => {
    const d = await fresh();
    await migrate(d, 14);
    await d.run(`INSERT INTO room (id, name, created_hlc) VALUES ('wr-1', 'Old room', 'h')`);
    await migrate(d, 15);
    expect(await d.get('SELECT id, mode FROM room')).toEqual({ id: 'wr-1', mode: 'live' });
    await expect(d.run(`UPDATE room SET mode = 'training'`)).rejects.toThrow(/CHECK/);
  });

  it('0017 keeps one review per id and accepts only the retrospective statuses', async () => {
    const d = await fresh();
    await migrate(d, 17);
    const insert = (id: string, status: string) =>
      d.run(
        `INSERT INTO reviews (id, title, status, run_id, opened_by, opened_at, updated_at, doc)
         VALUES (?, 'Storm', ?, NULL, 'u', 't', 't', '{}')`,
        [id, status],
      );
    await insert('r1', 'draft');
    await expect(insert('r1', 'closed')).rejects.toThrow(/UNIQUE|PRIMARY/);
    await expect(insert('r2', 'finished')).rejects.toThrow(/CHECK/);
  });

  it('0018 reads customers’ emails and phones from mentions exactly as shared/contacts does', async () => {
    const d = await fresh();
    await migrate(d, 18);
    const authors: [string, string, string | null, string | null][] = [
      ['twitter', '@ana', ' Ana@Example.COM\t', null],
      ['twitter', 'ana@example.com', null, '+48 600 100 200'],
      ['email', 'Jan@X.pl ', null, null],
      ['email', '@x.pl', 'n/a', '12345'],
      ['web', 'a b@c.d', 'ana@', '0048-600-100-200'],
      ['phone', '(555) 123.4567', null, null],
      ['sms', 'Ana', 'ÄNA@example.com', '1234567890123456'],
      ['fax', '00 48 22 100 20 30', null, 'call me 600100200'],
      ['in-person', 'Jan Nowak', null, null],
    ];
    for (const [i, [channel, handle, email, phone]] of authors.entries())
      await d.run(
        `INSERT INTO mentions (id, channel, external_id, author_handle, author_email, author_phone,
           author_name, location, metadata, text, occurred_at, occurred_ms, recorded_hlc, source_op,
           language, sentiment_score, sentiment_label, priority, routed_priority)
         VALUES (?, ?, ?, ?, ?, ?, ' Ana K ', 'Kraków', ?, 't', 'x', 0, 'h', 'op', 'en', 0,
           'neutral', 0, 0)`,
        [`${channel}:${i}`, channel, String(i), handle, email, phone, `{"in_reply_to":" m${i} "}`],
      );
    const rows = await d.all<Record<string, string | null>>(
      `SELECT id, channel, author_handle, author_email, author_phone, contact_email, contact_phone,
         contact_name_place, reply_to FROM mentions ORDER BY seq`,
    );
    for (const r of rows) {
      const ids = identifiersOf({
        mentionId: r.id as string,
        channel: r.channel as string,
        handle: r.author_handle as string,
        email: r.author_email,
        phone: r.author_phone,
      });
      const of = (kind: string) => ids.find((x) => x.startsWith(kind))?.slice(kind.length) ?? null;
      expect([r.id, r.contact_email, r.contact_phone]).toEqual([r.id, of('email:'), of('phone:')]);
      expect(r.contact_name_place).toBe('ana k|kraków');
      expect(r.reply_to).toBe(`${r.channel}:m${(r.id as string).split(':')[1]}`);
    }
    // Lower case is ASCII only, in SQLite and in TypeScript alike.
    expect(rows.map((r) => r.contact_email)).toContain('Äna@example.com');
    const link = (a: string, b: string, state: string) =>
      d.run(
        `INSERT INTO contact_links (subject, a, b, state, signal, op_id, by, hlc)
         VALUES (?, ?, ?, ?, 'operator', 'o', 'u', 'h')`,
        [`${a}|${b}`, a, b, state],
      );
    await link('email:a@b.c', 'phone:123456', 'merged');
    await expect(link('phone:123456', 'email:a@b.c', 'merged')).rejects.toThrow(/CHECK/);
    await expect(link('email:a@b.c', 'phone:654321', 'linked')).rejects.toThrow(/CHECK/);
  });

  it('refuses a database written by a newer Holdline', async () => {
    const d = await fresh();
    await d.exec('PRAGMA user_version = 999');
    await expect(migrate(d)).rejects.toThrow(/newer Holdline/);
  });
});
