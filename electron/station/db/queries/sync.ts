import type { Sql } from '../connection';
import { MAX_BATCH_OPS, MAX_WIRE_BYTES } from '../../../../shared/contract/peer';
import type { Op } from '../../ops/op';
import type { VersionVector } from '../../../../shared/sync/version-vector';
import { opFromRow } from './ops';
import { NOT_VOID } from './revocations';

/**
 * This station's version vector: the highest seq it holds of each origin's chain. One index
 * seek per admitted station (and this one), not a scan of the log: it is asked for on every
 * change announcement.
 */
export async function versionVectorOf(sql: Sql, self?: string): Promise<VersionVector> {
  const rows = await sql.all<{ origin: string; seq: number | null }>(
    // A revoked station's chain counts up to its revocation point (ops past it are not shipped).
    `SELECT s.origin, min((SELECT max(seq) FROM ops WHERE origin = s.origin),
       coalesce((SELECT point_seq FROM station_revocations WHERE station_id = s.origin), 1e15)) AS seq
     FROM (SELECT id AS origin FROM stations UNION SELECT ? WHERE ? IS NOT NULL) s`,
    [self ?? null, self ?? null],
  );
  return Object.fromEntries(
    rows.filter((r) => r.seq !== null).map((r) => [r.origin, r.seq as number]),
  );
}

/** Ids held at these places of one origin's chain (seq → id), to spot duplicates and forks. */
export async function idsAtSeqs(
  sql: Sql,
  origin: string,
  seqs: readonly number[],
): Promise<Map<number, string>> {
  if (seqs.length === 0) return new Map();
  const rows = await sql.all<{ seq: number; id: string }>(
    // CROSS JOIN keeps json_each outside: the planner otherwise walked the whole chain per call.
    `SELECT o.seq, o.id FROM json_each(?) j CROSS JOIN ops o ON o.origin = ? AND o.seq = j.value`,
    [JSON.stringify(seqs), origin],
  );
  return new Map(rows.map((r) => [r.seq, r.id]));
}

/**
 * The next ops of one origin's chain after `afterSeq`, to ship to a peer: at most `maxBytes` of
 * payload, MAX_BATCH_OPS ops and MAX_WIRE_BYTES on the wire, ending at a signed op (a peer
 * verifies a chain up to its signature) — more only when one signed run is larger, which the
 * chain's SIGN_EVERY_BYTES and SIGN_EVERY_OPS bound. Empty when nothing signed follows.
 */
export async function opsToShip(
  sql: Sql,
  origin: string,
  afterSeq: number,
  maxBytes: number,
): Promise<Op[]> {
  const out: Op[] = [];
  let bytes = 0;
  let wire = 0;
  let endSigned = 0; // ops up to here end at a signature
  let from = afterSeq;
  for (;;) {
    const rows = await sql.all<Parameters<typeof opFromRow>[0] & { bytes: number; wire: number }>(
      `SELECT id, origin, seq, hlc, actor, type, v, payload, payload_hash, prev, sig, subject,
         length(payload) AS bytes,
         -- The op as JSON on the wire: its fields, their names and quotes (about 120 bytes).
         length(payload) + length(id) + length(origin) + length(hlc) + length(actor)
           + length(type) + length(payload_hash) + coalesce(length(prev), 4)
           + coalesce(length(sig), 4) + coalesce(length(subject), 4) + 120 AS wire
       FROM ops WHERE origin = ? AND seq > ? AND ${NOT_VOID} ORDER BY seq LIMIT 64`,
      [origin, from],
    );
    if (rows.length === 0) break;
    for (const r of rows) {
      const over =
        bytes + (r.bytes ?? 0) > maxBytes ||
        wire + r.wire > MAX_WIRE_BYTES ||
        out.length + 1 > MAX_BATCH_OPS;
      // Adding this op would pass a limit: stop at the last signature already in, if any.
      if (over && endSigned > 0) return out.slice(0, endSigned);
      out.push(opFromRow(r));
      bytes += r.bytes ?? 0;
      wire += r.wire;
      from = r.seq;
      if (r.sig !== null) endSigned = out.length;
    }
  }
  return out.slice(0, endSigned);
}
