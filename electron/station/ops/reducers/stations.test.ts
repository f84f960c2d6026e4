import { describe, expect, it } from 'vitest';
import { testCores } from '../../test-support/test-cores';
import type { StationCore } from '../../core/core';
import { stateDigest } from '../../db/digest';
import { allOps, opsOfOrigin } from '../../db/queries/ops';
import { effectOf } from '../../db/queries/effects';
import { listStations, operatorByUsername } from '../../db/queries/people';
import { generateStationKey } from '../station-key';
import { stationRevocations } from '../../db/queries/revocations';
import { mentionById, mentionHistory } from '../../db/queries/mention-reads';
import { mentionIdOf } from '../../mentions/mention-id';
import { createOperator, createWarRoom } from '../../room/war-room';
import { ingestDraft, stateDraft } from '../../test-support/scenario';
import type { Op } from '../op';

const { open } = testCores();

const admit = (adminId: string, s: StationCore, name: string) => ({
  type: 'station.admit',
  v: 1,
  actor: adminId,
  subject: s.stationId,
  payload: { stationId: s.stationId, publicKey: s.key.publicKeyPem, name },
});

const revoke = (actor: string, stationId: string, point: number) => ({
  type: 'station.revoke',
  v: 1,
  actor,
  subject: stationId,
  payload: { stationId, point },
});

/** A room on A with B (to be revoked) and two bystanders admitted, each holding A's ops. */
async function room() {
  const [a, b, c1, c2] = [await open(), await open(), await open(), await open()];
  const { adminId } = await createWarRoom(a, {
    warRoom: 'Lost laptop',
    username: 'lead',
    displayName: 'Lea',
    password: 'correct horse',
  });
  await a.commit([admit(adminId, b, 'laptop'), admit(adminId, c1, 'c1'), admit(adminId, c2, 'c2')]);
  for (const s of [b, c1, c2]) await s.applyReplicated(await allOps(a.db));
  return { a, b, c1, c2, adminId };
}

const chainOf = (s: StationCore, origin = s.stationId): Promise<Op[]> => opsOfOrigin(s.db, origin);

describe('station revocation verdicts', () => {
  it('refuses a revocation by a non-admin (stored, refused with why, no effect)', async () => {
    const { a, b, adminId } = await room();
    const opId = await createOperator(a, adminId, {
      username: 'olga',
      displayName: 'Olga',
      password: 'operator-password',
      role: 'operator',
      departments: [],
    });
    const applied = await a.commit([revoke(opId, b.stationId, 0)]);
    expect(await effectOf(a.db, applied.ops[0]?.id as string)).toEqual({
      effect: 'refused',
      reason: 'only an admin revokes a station',
    });
    expect(await stationRevocations(a.db)).toEqual([]);
    // A station cannot revoke itself either, even by an admin.
    const self = await a.commit([revoke(adminId, a.stationId, 1)]);
    expect((await effectOf(a.db, self.ops[0]?.id as string))?.reason).toBe(
      'a station cannot revoke itself',
    );
  });

  it('voids the revoked station’s later ops whatever order they arrive in; digests agree', async () => {
    const { a, b, c1, c2, adminId } = await room();
    // Before the revocation point: a mention ingested by the laptop (stays valid).
    await b.commit([ingestDraft(adminId, 't1', 'my flight was cancelled')]);
    await a.applyFromPeer(await chainOf(b));
    const point = a.vector()[b.stationId] as number;
    // After it (the laptop was stolen): an admin account, an answer and a claim made on it.
    await b.commit([
      {
        type: 'operator.create',
        v: 1,
        actor: adminId,
        subject: 'op-mallory',
        payload: {
          operatorId: 'op-mallory',
          username: 'mallory',
          displayName: 'Mallory',
          role: 'admin',
          departments: [],
          passwordHash: 'scrypt$x',
        },
      },
    ]);
    await b.commit([stateDraft('mention.answer', adminId, 't1')]);
    await b.commit([stateDraft('mention.claim', adminId, 't1', { basis: null, leaseMs: 60_000 })]);
    // …a mention only it ingested, and a second copy of one held before (a duplicate).
    await b.commit([ingestDraft(adminId, 't9', 'planted by the thief')]);
    await b.commit([ingestDraft(adminId, 't1', 'my flight was cancelled, again')]);
    // …and an accomplice's station admitted.
    const accomplice = generateStationKey().key;
    await b.commit([
      {
        type: 'station.admit',
        v: 1,
        actor: adminId,
        subject: accomplice.stationId,
        payload: {
          stationId: accomplice.stationId,
          publicKey: accomplice.publicKeyPem,
          name: 'accomplice',
        },
      },
    ]);
    const late = await chainOf(b);
    // c2 holds the late ops before the revocation reaches it; the digest is taken after both.
    await c2.applyFromPeer(late);
    expect(await operatorByUsername(c2.db, 'mallory')).toBeTruthy();
    expect((await mentionById(c2.db, mentionIdOf('twitter', 't1')))?.status).toBe('answered');
    expect(await mentionById(c2.db, mentionIdOf('twitter', 't9'))).toBeTruthy();
    expect((await listStations(c2.db)).map((x) => x.id)).toContain(accomplice.stationId);

    await a.commit([revoke(adminId, b.stationId, point)]);
    const fromA = await chainOf(a);
    // c1 learns of the revocation first: the late ops are refused at the door (not stored).
    await c1.applyFromPeer(fromA);
    const door = await c1.applyFromPeer(late);
    expect(door.applied.ops.filter((o) => o.seq > point)).toEqual([]);
    await c2.applyFromPeer(fromA);
    // a gets the late ops only now, like c1.
    await a.applyFromPeer(late);

    for (const s of [a, c1, c2]) {
      expect(await operatorByUsername(s.db, 'mallory')).toBeUndefined();
      const m = await mentionById(s.db, mentionIdOf('twitter', 't1'));
      expect(m?.status).toBe('open');
      expect(m?.claim).toBeFalsy();
      expect(m?.text).toBe('my flight was cancelled');
      expect(await mentionById(s.db, mentionIdOf('twitter', 't9'))).toBeFalsy();
      expect((await listStations(s.db)).map((x) => x.id)).not.toContain(accomplice.stationId);
    }
    // Where the void ops are held, a mention's history shows them refused, saying why.
    const history = await mentionHistory(c2.db, mentionIdOf('twitter', 't1'));
    const answer = history.find((e) => e.type === 'mention.answer');
    expect(answer).toMatchObject({ effect: 'refused' });
    expect(answer?.reason).toMatch(new RegExp(`station ${b.stationId} was revoked`));
    const digests = await Promise.all([a, c1, c2].map((s) => stateDigest(s.db)));
    expect(new Set(digests).size).toBe(1);
    // c2 still stores the void ops (chained, forwarded to nobody: opsToShip stops at the point).
    expect((await chainOf(c2, b.stationId)).length).toBe(late.length);
    expect((await chainOf(c1, b.stationId)).length).toBe(point);
  });
});
