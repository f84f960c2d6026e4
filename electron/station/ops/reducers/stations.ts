import type { Sql } from '../../db/connection';
import { writeEffects } from '../../db/queries/mention-writes';
import { listStations } from '../../db/queries/people';
import {
  putStationKeys,
  putStationRevocations,
  stationRevocations,
  type StationKeyRow,
  type StationRevocationRow,
} from '../../db/queries/revocations';
import type { Verdict } from '../../../../shared/domain/mention-state';
import { can } from '../../../../shared/domain/permissions';
import { opFromRow } from '../../db/queries/ops';
import type { Op } from '../op';
import { sha256Hex } from '../op-id';
import { verifyOpSig } from '../station-key';
import { StationRevokeV1, StationRotateKeyV1, rotationProofText } from '../station-payloads';
import type { RoleHistory } from './roles';

/** The op_effects subject the verdicts of station.revoke ops are filed under. */
export const REVOCATIONS_SUBJECT = 'station-revocations';

/** A station whose revocation point moved (null: not revoked). */
export type RevocationChange = { stationId: string; before: number | null; after: number | null };

async function allOfType(sql: Sql, type: string, origin?: string): Promise<Op[]> {
  const rows = await sql.all<Parameters<typeof opFromRow>[0]>(
    origin === undefined
      ? 'SELECT * FROM ops WHERE type = ? ORDER BY hlc, id'
      : 'SELECT * FROM ops WHERE type = ? AND origin = ? ORDER BY seq',
    origin === undefined ? [type] : [type, origin],
  );
  return rows.map(opFromRow);
}

/**
 * Re-derives the revoked stations from every station.revoke op, in HLC order: one counts when its
 * actor was an admin at its HLC, it names another admitted station, and its own station was not
 * revoked before it (by a revocation already counted); a station's point is the lowest of the
 * points of its revocations. A pure function of the set of ops, so every station agrees.
 */
export async function refoldRevocations(tx: Sql, roles: RoleHistory): Promise<RevocationChange[]> {
  const ops = await allOfType(tx, 'station.revoke');
  await roles.load(ops.map((o) => o.actor));
  // Admitted stations: those of the table, and those whose admission is in the log but not folded
  // yet (a catch-up batch can hold a station's admission and its revocation together).
  const members = new Set((await listStations(tx)).map((s) => s.id));
  for (const admit of await allOfType(tx, 'station.admit')) {
    const id = (admit.payload as { stationId?: unknown } | null)?.stationId;
    if (typeof id === 'string') members.add(id);
  }
  const revoked = new Map<string, StationRevocationRow>();
  const verdicts: Verdict[] = [];
  const refuse = (op: Op, reason: string) =>
    verdicts.push({ opId: op.id, effect: 'refused', reason });
  for (const op of ops) {
    const p = StationRevokeV1.safeParse(op.payload);
    const own = revoked.get(op.origin);
    if (!p.success || op.v !== 1) refuse(op, 'not a revocation this version understands');
    else if (own && op.seq > own.point_seq)
      refuse(op, `its station ${op.origin} was revoked before it`);
    else if (!can(roles.roleAt(op.actor, op.hlc), 'station.manage'))
      refuse(op, 'only an admin revokes a station');
    else if (p.data.stationId === op.origin) refuse(op, 'a station cannot revoke itself');
    else if (!members.has(p.data.stationId)) refuse(op, 'no such station in this room');
    else {
      const was = revoked.get(p.data.stationId);
      if (!was || p.data.point < was.point_seq)
        revoked.set(p.data.stationId, {
          station_id: p.data.stationId,
          point_seq: p.data.point,
          op_id: op.id,
          hlc: op.hlc,
          revoked_by: op.actor,
        });
      verdicts.push({ opId: op.id, effect: 'applied', reason: null });
    }
  }
  const before = new Map((await stationRevocations(tx)).map((r) => [r.station_id, r.point_seq]));
  await putStationRevocations(tx, [...revoked.values()]);
  await writeEffects(tx, REVOCATIONS_SUBJECT, verdicts);
  const changes: RevocationChange[] = [];
  for (const id of new Set([...before.keys(), ...revoked.keys()])) {
    const b = before.get(id) ?? null;
    const a = revoked.get(id)?.point_seq ?? null;
    if (a !== b) changes.push({ stationId: id, before: b, after: a });
  }
  return changes;
}

/** True when a rotation op is sound: in its own station's chain, signed, its proof by the new key. */
export function rotationIsSound(op: Op): boolean {
  const p = StationRotateKeyV1.safeParse(op.payload);
  return (
    op.type === 'station.rotate-key' &&
    op.v === 1 &&
    op.sig !== null &&
    p.success &&
    p.data.stationId === op.origin &&
    verifyOpSig(p.data.publicKey, sha256Hex(rotationProofText(p.data)), p.data.proof)
  );
}

/**
 * Re-derives one station's key history from the rotations in its own chain. Which key signs the
 * chain is decided by the old key's signature and the new key's proof alone (the door checks it:
 * it cannot wait on role ops); a rotation by an actor who was not an admin is recorded as
 * refused for the review, and is the sign to revoke that station.
 */
export async function refoldStationKeys(
  tx: Sql,
  stationId: string,
  roles: RoleHistory,
): Promise<void> {
  const ops = (await allOfType(tx, 'station.rotate-key', stationId)).filter(rotationIsSound);
  await roles.load(ops.map((o) => o.actor));
  const rows: StationKeyRow[] = [];
  const verdicts: Verdict[] = [];
  for (const op of ops) {
    const p = StationRotateKeyV1.parse(op.payload);
    rows.push({
      station_id: stationId,
      from_seq: op.seq + 1,
      public_key: p.publicKey,
      tls_cert: p.tlsCert,
      op_id: op.id,
      hlc: op.hlc,
      rotated_by: op.actor,
    });
    verdicts.push(
      can(roles.roleAt(op.actor, op.hlc), 'station.manage')
        ? { opId: op.id, effect: 'applied', reason: null }
        : {
            opId: op.id,
            effect: 'refused',
            reason:
              'made by a non-admin: the key changed with its chain, revoke the station if unexpected',
          },
    );
  }
  await putStationKeys(tx, stationId, rows);
  await writeEffects(tx, `station-keys:${stationId}`, verdicts);
}
