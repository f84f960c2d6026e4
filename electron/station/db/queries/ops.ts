import type { Sql } from '../connection';
import type { Op } from '../../ops/op';
import { canonicalJson } from '../../ops/op-id';
import { isKnownOp } from '../../ops/op-catalogue';
import { NOT_VOID } from './revocations';
import { MENTION_ROUTING_TYPES } from './routing';

type OpRow = {
  id: string;
  origin: string;
  seq: number;
  hlc: string;
  actor: string;
  type: string;
  v: number;
  payload: string | null;
  payload_hash: string;
  prev: string | null;
  sig: string | null;
  subject: string | null;
};

/** Turns a stored row back into an op. */
export function opFromRow(r: OpRow): Op {
  return {
    id: r.id,
    origin: r.origin,
    seq: r.seq,
    hlc: r.hlc,
    actor: r.actor,
    type: r.type,
    v: r.v,
    payload: r.payload === null ? null : JSON.parse(r.payload),
    payloadHash: r.payload_hash,
    prev: r.prev,
    sig: r.sig,
    subject: r.subject,
  };
}

// The payload is stored as TEXT even when it comes as UTF-8 bytes (a Buffer binds as a BLOB, and
// a BLOB would read as JSONB to SQLite's JSON functions).
const OP_ROW = '(?, ?, ?, ?, ?, ?, ?, CAST(? AS TEXT), ?, ?, ?, ?)';

/**
 * Appends ops (already checked as new); returns the ops table's last rowid before them, which
 * marks what the batch added (mention derivation, privacy passes) without a look-up of its own.
 */
export async function insertOps(tx: Sql, ops: readonly Op[]): Promise<number> {
  if (ops.length === 0) return lastOpRowid(tx);
  const { firstRowid } = await tx.insertRows(
    'INSERT INTO ops (id, origin, seq, hlc, actor, type, v, payload, payload_hash, prev, sig, subject)',
    12,
    ops.map((o) => [
      o.id,
      o.origin,
      o.seq,
      o.hlc,
      o.actor,
      o.type,
      o.v,
      // Always canonical: mentions are derived from this text, so it must be the same bytes everywhere.
      o.payloadJson ?? (o.payload === null ? null : canonicalJson(o.payload)),
      o.payloadHash,
      o.prev,
      o.sig,
      o.subject,
    ]),
    '',
    OP_ROW,
  );
  return (firstRowid as number) - 1;
}

/** The ops table's last rowid: ops stored after it are the ones a batch added. */
export async function lastOpRowid(tx: Sql): Promise<number> {
  return (await tx.get<{ m: number | null }>('SELECT max(rowid) AS m FROM ops'))?.m ?? 0;
}

/**
 * Which of these ops are already stored, by (origin, seq) — the log's own key. An op whose place
 * is taken by a different id is a fork of that origin's chain; the caller refuses it.
 */
export async function storedIdsAt(
  sql: Sql,
  ops: readonly Pick<Op, 'origin' | 'seq'>[],
): Promise<Map<string, string>> {
  if (ops.length === 0) return new Map();
  const rows = await sql.all<{ origin: string; seq: number; id: string }>(
    `SELECT o.origin, o.seq, o.id FROM json_each(?) j JOIN ops o ON o.origin = j.value->>0 AND o.seq = j.value->>1`,
    [JSON.stringify(ops.map((o) => [o.origin, o.seq]))],
  );
  return new Map(rows.map((r) => [`${r.origin}/${r.seq}`, r.id]));
}

/** Every op about one subject of the given types, in HLC order (those of a revoked station past its point left out). */
export async function opsBySubject(
  sql: Sql,
  subject: string,
  types: readonly string[],
): Promise<Op[]> {
  const rows = await sql.all<OpRow>(
    `SELECT * FROM ops WHERE subject = ? AND type IN (SELECT value FROM json_each(?))
       AND ${NOT_VOID} ORDER BY hlc, id`,
    [subject, JSON.stringify(types)],
  );
  // A known type at a version this build does not read (a newer build's) has no effect here.
  return rows.filter((r) => isKnownOp(r.type, r.v)).map(opFromRow);
}

/** Every op about each of these subjects of the given types, in HLC order, by subject. */
export async function opsBySubjects(
  sql: Sql,
  subjects: readonly string[],
  types: readonly string[],
): Promise<Map<string, Op[]>> {
  const out = new Map<string, Op[]>();
  if (subjects.length === 0) return out;
  const rows = await sql.all<OpRow>(
    `SELECT * FROM ops WHERE subject IN (SELECT value FROM json_each(?))
       AND type IN (SELECT value FROM json_each(?)) AND ${NOT_VOID} ORDER BY subject, hlc, id`,
    [JSON.stringify(subjects), JSON.stringify(types)],
  );
  for (const r of rows) {
    if (!isKnownOp(r.type, r.v)) continue;
    const op = opFromRow(r);
    const list = out.get(r.subject as string);
    if (list) list.push(op);
    else out.set(r.subject as string, [op]);
  }
  return out;
}

/** Subjects of ops by an actor from an HLC on (to re-judge them when the actor's role changes). */
export async function subjectsOfActorSince(
  sql: Sql,
  actor: string,
  hlc: string,
  types: readonly string[],
): Promise<string[]> {
  const rows = await sql.all<{ subject: string }>(
    `SELECT DISTINCT subject FROM ops
     WHERE actor = ? AND hlc >= ? AND type <> 'mention.ingest' AND subject IS NOT NULL
       AND type IN (SELECT value FROM json_each(?))`,
    [actor, hlc, JSON.stringify(types)],
  );
  return rows.map((r) => r.subject);
}

/**
 * Which of these subjects (mentions just ingested) have ops stored of any type but ingest — a
 * replica may hold state ops from before the mention — and which of them routing ops (a re-route,
 * a breach). One look-up for both: every applied peer batch of mentions asks.
 */
export async function opsBeforeIngest(
  sql: Sql,
  subjects: readonly string[],
): Promise<{ any: string[]; routing: string[] }> {
  if (subjects.length === 0) return { any: [], routing: [] };
  const rows = await sql.all<{ subject: string; routing: number }>(
    `SELECT o.subject, max(o.type IN (${MENTION_ROUTING_TYPES})) AS routing
     FROM json_each(?) j JOIN ops o ON o.subject = j.value
     WHERE o.type <> 'mention.ingest' GROUP BY o.subject`,
    [JSON.stringify(subjects)],
  );
  return {
    any: rows.map((r) => r.subject),
    routing: rows.filter((r) => r.routing === 1).map((r) => r.subject),
  };
}

/** The last op this station holds of one origin's chain: where the chain's next op attaches. */
export async function chainHeadOf(
  sql: Sql,
  origin: string,
): Promise<{ seq: number; id: string; hlc: string } | undefined> {
  return sql.first('SELECT seq, id, hlc FROM ops WHERE origin = ? ORDER BY seq DESC LIMIT 1', [
    origin,
  ]);
}

/** One origin's whole chain, in seq order. */
export async function opsOfOrigin(sql: Sql, origin: string): Promise<Op[]> {
  const rows = await sql.all<OpRow>('SELECT * FROM ops WHERE origin = ? ORDER BY seq', [origin]);
  return rows.map(opFromRow);
}

/** The origins present in the log. */
export async function origins(sql: Sql): Promise<string[]> {
  const rows = await sql.all<{ origin: string }>('SELECT DISTINCT origin FROM ops ORDER BY origin');
  return rows.map((r) => r.origin);
}

/** How many ops the log holds. */
export async function countOps(sql: Sql): Promise<number> {
  const row = await sql.get<{ n: number }>('SELECT count(*) AS n FROM ops');
  return row?.n ?? 0;
}

/** Every op, in HLC order, for rebuilding or comparing replicas. */
export async function allOps(sql: Sql): Promise<Op[]> {
  const rows = await sql.all<OpRow>('SELECT * FROM ops ORDER BY hlc, id');
  return rows.map(opFromRow);
}
