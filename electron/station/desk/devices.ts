import { createHash } from 'node:crypto';
import {
  RevokeOperatorSchema,
  RevokeStationSchema,
  type DoneBy,
  type OperatorSessionsView,
  type StationView,
} from '../../../shared/contract/devices';
import { hlcToIso } from '../../../shared/sync/hlc';
import type { StationCore } from '../core/core';
import { certFingerprint } from '../core/tls-identity';
import { listOperators } from '../db/queries/people';
import {
  liveSessionCounts,
  memberIdentities,
  operatorRevocations,
  stationAdmissions,
  stationKeyRows,
  stationRevocations,
} from '../db/queries/revocations';
import { CommandError } from '../mentions/commands';
import { revokeOperator, revokeStation } from '../room/revocation';
import { rotateStationKey } from '../room/key-rotation';
import { peerStatus } from '../sync/peer-hub';
import { DeskError, NoInput, handler, type DeskHandlerMap } from './handler';

type DevicesCommandName =
  'station.list' | 'station.revoke' | 'station.rotateKey' | 'session.list' | 'operator.revoke';

async function namesOf(core: StationCore): Promise<Map<string, string>> {
  return new Map((await listOperators(core.read)).map((o) => [o.id, o.display_name]));
}

const doneBy = (names: Map<string, string>, hlc: string, by: string): DoneBy => ({
  at: hlcToIso(hlc),
  by,
  byName: names.get(by) ?? null,
});

/** Every member station with its key, rotations, revocation and when it was last heard from. */
export async function stationViews(core: StationCore): Promise<StationView[]> {
  const names = await namesOf(core);
  const admitted = new Map((await stationAdmissions(core.read)).map((s) => [s.id, s]));
  const keys = await stationKeyRows(core.read);
  const revoked = new Map((await stationRevocations(core.read)).map((r) => [r.station_id, r]));
  const seen = new Map<string, string>();
  for (const p of (await peerStatus(core)).peers)
    if (p.stationId && p.lastSeen && p.lastSeen > (seen.get(p.stationId) ?? ''))
      seen.set(p.stationId, p.lastSeen);
  return (await memberIdentities(core.read)).map((m) => {
    const a = admitted.get(m.id);
    const own = keys.filter((k) => k.station_id === m.id);
    const last = own.at(-1);
    const r = revoked.get(m.id);
    return {
      id: m.id,
      name: m.name,
      self: m.id === core.stationId,
      keyFingerprint: createHash('sha256').update(m.publicKey).digest('hex').slice(0, 16),
      tlsFingerprint: m.tlsCert ? certFingerprint(m.tlsCert) : null,
      admitted: a ? doneBy(names, a.admitted_hlc, a.admitted_by) : { at: '', by: '', byName: null },
      lastSeen: seen.get(m.id) ?? null,
      rotated: last ? { ...doneBy(names, last.hlc, last.rotated_by), count: own.length } : null,
      revoked: r ? { ...doneBy(names, r.hlc, r.revoked_by), point: r.point_seq } : null,
    };
  });
}

/** Every account with its live sessions on this station and its revocation, if any. */
export async function sessionViews(core: StationCore): Promise<OperatorSessionsView[]> {
  const names = await namesOf(core);
  const sessions = await liveSessionCounts(core.read, new Date().toISOString());
  const revoked = new Map((await operatorRevocations(core.read)).map((r) => [r.operator_id, r]));
  return (await listOperators(core.read)).map((o) => {
    const s = sessions.get(o.id);
    const r = revoked.get(o.id);
    return {
      operatorId: o.id,
      username: o.username,
      displayName: o.display_name,
      role: o.role,
      disabled: o.disabled === 1,
      sessions: s?.n ?? 0,
      lastLogin: s?.last ?? null,
      revoked: r ? { ...doneBy(names, r.hlc, r.revoked_by), reason: r.reason } : null,
    };
  });
}

async function orDeskError<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof CommandError) throw new DeskError(err.code, err.message);
    throw err;
  }
}

/** /desk handlers for devices (member stations) and sessions: admins list and revoke. */
export const deviceHandlers: DeskHandlerMap<DevicesCommandName> = {
  'station.list': handler({
    input: NoInput,
    permission: 'station.manage',
    run: async ({ core }) => ({ stations: await stationViews(core) }),
  }),
  'station.revoke': handler({
    input: RevokeStationSchema,
    permission: 'station.manage',
    run: async ({ core, operator }, input) => {
      await orDeskError(() => revokeStation(core, operator.id, input.stationId, input.reason));
      const station = (await stationViews(core)).find((s) => s.id === input.stationId);
      if (!station) throw new DeskError('internal', 'the station is gone');
      return { station };
    },
  }),
  'station.rotateKey': handler({
    input: NoInput,
    permission: 'station.manage',
    run: async ({ core, operator }) => {
      try {
        await rotateStationKey(core, operator.id, { running: true });
      } catch (err) {
        throw new DeskError('conflict', `the key was not rotated: ${(err as Error).message}`);
      }
      const station = (await stationViews(core)).find((s) => s.self);
      if (!station) throw new DeskError('internal', 'this station is not a member');
      return { station };
    },
  }),
  'session.list': handler({
    input: NoInput,
    permission: 'operator.manage',
    run: async ({ core }) => ({ operators: await sessionViews(core) }),
  }),
  'operator.revoke': handler({
    input: RevokeOperatorSchema,
    permission: 'operator.manage',
    run: async ({ core, operator }, input) => {
      const { releasedClaims } = await orDeskError(() =>
        revokeOperator(core, operator.id, input.operatorId, input.reason),
      );
      const view = (await sessionViews(core)).find((o) => o.operatorId === input.operatorId);
      if (!view) throw new DeskError('internal', 'the account is gone');
      return { operator: view, releasedClaims };
    },
  }),
};
