import type { Sql } from '../connection';
import type { Op } from '../../ops/op';

// The ledger export's reads (electron/station/ledger/export-ledger.ts).

/** One chain as the export's snapshot holds it. */
export type ChainSpan = { origin: string; ops: number; head: string; withPayload: number };

/**
 * Runs fn inside one read transaction, so every query sees the same snapshot of a log the running
 * station may be appending to (WAL: the writer is not blocked). Needs a connection of its own.
 */
export async function inReadSnapshot<T>(sql: Sql, fn: () => Promise<T>): Promise<T> {
  await sql.exec('BEGIN');
  try {
    return await fn();
  } finally {
    await sql.exec('COMMIT');
  }
}

/**
 * Every origin's op count, last op and how many ops keep a payload of the given types (CASE, not
 * AND: only CASE keeps SQLite from loading the payloads of every other op).
 */
export async function chainSpans(sql: Sql, payloadTypes: readonly string[]): Promise<ChainSpan[]> {
  const rows = await sql.all<{ origin: string; ops: number; last: number; full: number }>(
    `SELECT origin, count(*) AS ops, max(seq) AS last,
       sum(CASE WHEN type IN (SELECT value FROM json_each(?)) THEN payload IS NOT NULL ELSE 0 END) AS full
     FROM ops GROUP BY origin ORDER BY origin`,
    [JSON.stringify(payloadTypes)],
  );
  const spans: ChainSpan[] = [];
  for (const r of rows) {
    const head = await sql.get<{ id: string }>('SELECT id FROM ops WHERE origin = ? AND seq = ?', [
      r.origin,
      r.last,
    ]);
    spans.push({ origin: r.origin, ops: r.ops, head: head?.id ?? '', withPayload: r.full });
  }
  return spans;
}

/** The id of the room's genesis op (its `room.create`). */
export async function genesisOpId(sql: Sql, roomId: string): Promise<string | undefined> {
  const row = await sql.get<{ id: string }>(
    `SELECT id FROM ops WHERE subject = 'room' AND type = 'room.create' AND payload ->> '$.roomId' = ?
     ORDER BY hlc LIMIT 1`,
    [roomId],
  );
  return row?.id;
}

type LedgerRow = Omit<Op, 'subject' | 'payload' | 'payloadHash'> & {
  payload: string | null;
  payload_hash: string;
};

/**
 * One page of an origin's chain after `afterSeq`, in seq order. Payloads are read only for the
 * given types (SQLite loads a column only on the CASE branch that needs it, so the large ingest
 * payloads are never read).
 */
export async function chainPage(
  sql: Sql,
  origin: string,
  afterSeq: number,
  limit: number,
  payloadTypes: readonly string[],
): Promise<(Omit<Op, 'subject'> & { payloadText: string | null })[]> {
  const rows = await sql.all<LedgerRow>(
    `SELECT id, origin, seq, hlc, actor, type, v, payload_hash, prev, sig,
       CASE WHEN type IN (SELECT value FROM json_each(?)) THEN payload END AS payload
     FROM ops WHERE origin = ? AND seq > ? ORDER BY seq LIMIT ?`,
    [JSON.stringify(payloadTypes), origin, afterSeq, limit],
  );
  return rows.map(({ payload_hash, payload, ...r }) => ({
    ...r,
    payload: null,
    payloadHash: payload_hash,
    payloadText: payload,
  }));
}
