import type { Sql } from '../connection';
import type { opFromRow } from './ops';

/** A revoked station: ops of its chain past `point` have no effect. */
export type StationRevocationRow = {
  station_id: string;
  point_seq: number;
  op_id: string;
  hlc: string;
  revoked_by: string;
};

/** One key a station's chain used from `from_seq` on (after a rotation). */
export type StationKeyRow = {
  station_id: string;
  from_seq: number;
  public_key: string;
  tls_cert: string | null;
  op_id: string;
  hlc: string;
  rotated_by: string;
};

/** Every revoked station. */
export async function stationRevocations(
  sql: Sql,
): Promise<readonly Readonly<StationRevocationRow>[]> {
  return sql.memo('station_revocations', ['station_revocations'], () =>
    sql.all<StationRevocationRow>('SELECT * FROM station_revocations ORDER BY station_id'),
  );
}

/** The last seq that counts of each revoked station's chain. */
export async function revocationPoints(sql: Sql): Promise<Map<string, number>> {
  return new Map((await stationRevocations(sql)).map((r) => [r.station_id, r.point_seq]));
}

/** Replaces the revoked stations (folded from every station.revoke op). */
export async function putStationRevocations(
  tx: Sql,
  rows: readonly StationRevocationRow[],
): Promise<void> {
  await tx.run('DELETE FROM station_revocations');
  for (const r of rows)
    await tx.run(
      'INSERT INTO station_revocations (station_id, point_seq, op_id, hlc, revoked_by) VALUES (?, ?, ?, ?, ?)',
      [r.station_id, r.point_seq, r.op_id, r.hlc, r.revoked_by],
    );
}

/** Every key rotation, by station and seq. */
export async function stationKeyRows(sql: Sql): Promise<readonly Readonly<StationKeyRow>[]> {
  return sql.memo('station_keys', ['station_keys'], () =>
    sql.all<StationKeyRow>('SELECT * FROM station_keys ORDER BY station_id, from_seq'),
  );
}

/** Replaces one station's rotations (folded from its station.rotate-key ops). */
export async function putStationKeys(
  tx: Sql,
  stationId: string,
  rows: readonly StationKeyRow[],
): Promise<void> {
  await tx.run('DELETE FROM station_keys WHERE station_id = ?', [stationId]);
  for (const r of rows)
    await tx.run(
      `INSERT INTO station_keys (station_id, from_seq, public_key, tls_cert, op_id, hlc, rotated_by)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
      [r.station_id, r.from_seq, r.public_key, r.tls_cert, r.op_id, r.hlc, r.rotated_by],
    );
}

/** Each station's key schedule: the seq from which each rotated key signs its chain. */
export async function keySchedules(sql: Sql): Promise<Map<string, Map<number, string>>> {
  const out = new Map<string, Map<number, string>>();
  for (const r of await stationKeyRows(sql)) {
    const m = out.get(r.station_id) ?? new Map<number, string>();
    m.set(r.from_seq, r.public_key);
    out.set(r.station_id, m);
  }
  return out;
}

/**
 * Subjects (with the earliest HLC of their ops there) and types of one origin's ops in a seq
 * range (low exclusive, high inclusive): what to re-derive when those ops gain or lose effect.
 */
export async function subjectsOfOriginBetween(
  sql: Sql,
  origin: string,
  low: number,
  high: number,
): Promise<{ subject: string | null; type: string; hlc: string }[]> {
  return sql.all(
    `SELECT subject, type, min(hlc) AS hlc FROM ops
     WHERE origin = ? AND seq > ? AND seq <= ? AND type <> 'mention.ingest'
     GROUP BY subject, type`,
    [origin, low, high],
  );
}

/** A revoked account: who revoked it and when. */
export type OperatorRevocationRow = {
  operator_id: string;
  op_id: string;
  hlc: string;
  revoked_by: string;
  reason: string | null;
};

/** Records (or clears, with null) an account's revocation. */
export async function putOperatorRevocation(
  tx: Sql,
  operatorId: string,
  row: Omit<OperatorRevocationRow, 'operator_id'> | null,
): Promise<void> {
  await tx.run('DELETE FROM operator_revocations WHERE operator_id = ?', [operatorId]);
  if (row)
    await tx.run(
      'INSERT INTO operator_revocations (operator_id, op_id, hlc, revoked_by, reason) VALUES (?, ?, ?, ?, ?)',
      [operatorId, row.op_id, row.hlc, row.revoked_by, row.reason],
    );
}

/** Every revoked account. */
export async function operatorRevocations(sql: Sql): Promise<OperatorRevocationRow[]> {
  return sql.all<OperatorRevocationRow>('SELECT * FROM operator_revocations ORDER BY hlc');
}

/**
 * SQL condition true for an op (alias `o`) that has no effect because its station was revoked
 * before it: for the folds that read ops by subject.
 */
export const NOT_VOID = `NOT EXISTS (SELECT 1 FROM station_revocations r
  WHERE r.station_id = ops.origin AND ops.seq > r.point_seq)`;

/** A member station as peers see it now: its current key and certificate, and whether revoked. */
export type MemberIdentity = {
  id: string;
  name: string;
  publicKey: string;
  tlsCert: string | null;
  revoked: boolean;
};

/** Every admitted station with the key and TLS certificate of its latest rotation (if any). */
export async function memberIdentities(sql: Sql): Promise<MemberIdentity[]> {
  const rows = await sql.all<{
    id: string;
    name: string;
    public_key: string;
    tls_cert: string | null;
    revoked: number;
  }>(
    `SELECT s.id, s.name,
       coalesce((SELECT k.public_key FROM station_keys k WHERE k.station_id = s.id
                 ORDER BY k.from_seq DESC LIMIT 1), s.public_key) AS public_key,
       coalesce((SELECT k.tls_cert FROM station_keys k WHERE k.station_id = s.id
                 ORDER BY k.from_seq DESC LIMIT 1), s.tls_cert) AS tls_cert,
       EXISTS (SELECT 1 FROM station_revocations r WHERE r.station_id = s.id) AS revoked
     FROM stations s ORDER BY s.id`,
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    publicKey: r.public_key,
    tlsCert: r.tls_cert,
    revoked: r.revoked === 1,
  }));
}

/** Open mentions an account holds a claim on (released when it is revoked). */
export async function openClaimsOf(sql: Sql, operatorId: string): Promise<string[]> {
  const rows = await sql.all<{ id: string }>(
    `SELECT id FROM mentions WHERE claim_operator = ? AND status = 'open' ORDER BY id`,
    [operatorId],
  );
  return rows.map((r) => r.id);
}

/** Live sessions on this station per account: how many, and the newest one's start. */
export async function liveSessionCounts(
  sql: Sql,
  nowIso: string,
): Promise<Map<string, { n: number; last: string | null }>> {
  const rows = await sql.all<{ operator_id: string; n: number; last: string | null }>(
    `SELECT operator_id, count(*) AS n, max(created_at) AS last FROM sessions
     WHERE expires_at > ? GROUP BY operator_id`,
    [nowIso],
  );
  return new Map(rows.map((r) => [r.operator_id, { n: r.n, last: r.last }]));
}

/** When and by whom each member station was admitted. */
export async function stationAdmissions(
  sql: Sql,
): Promise<{ id: string; admitted_hlc: string; admitted_by: string }[]> {
  return sql.all('SELECT id, admitted_hlc, admitted_by FROM stations ORDER BY id');
}

/** Removes an account row (and its sessions here) whose creation no longer counts. */
export async function deleteOperatorRow(tx: Sql, operatorId: string): Promise<void> {
  await tx.run('DELETE FROM sessions WHERE operator_id = ?', [operatorId]);
  await tx.run('DELETE FROM operators WHERE id = ?', [operatorId]);
}

/** Mentions the ingest ops in one origin's seq range (low exclusive, high inclusive) carry. */
export async function mentionsIngestedBetween(
  sql: Sql,
  origin: string,
  low: number,
  high: number,
): Promise<string[]> {
  const rows = await sql.all<{ id: string }>(
    `SELECT DISTINCT (j.value ->> '$.mention.channel') || ':' || (j.value ->> '$.mention.externalId') AS id
     FROM ops o, json_each(o.payload, '$.items') j
     WHERE o.origin = ? AND o.seq > ? AND o.seq <= ? AND o.type = 'mention.ingest'
       AND o.payload IS NOT NULL AND j.value ->> '$.erased' IS NULL`,
    [origin, low, high],
  );
  return rows.map((r) => r.id);
}

/** Why an op of a revoked station past its point had no effect (reviews and histories say so). */
export function revokedReason(origin: string, point: number): string {
  return `its station ${origin} was revoked: its ops after #${point} have no effect`;
}

/** Every op of these types that counts (none of a revoked station past its point), in HLC order. */
export async function countingOpsOfTypes(
  sql: Sql,
  types: readonly string[],
): Promise<Parameters<typeof opFromRow>[0][]> {
  return sql.all(
    `SELECT * FROM ops WHERE type IN (SELECT value FROM json_each(?)) AND ${NOT_VOID}
     ORDER BY hlc, id`,
    [JSON.stringify(types)],
  );
}

/** Empties the stations and join codes tables, to fold them again from the ops that count. */
export async function clearStationsAndJoinCodes(tx: Sql): Promise<void> {
  await tx.run('DELETE FROM stations');
  await tx.run('DELETE FROM join_codes');
}
