import { describe, expect, it } from 'vitest';
import { startStation } from '../station';
import { StationCore } from '../core/core';
import { listStations } from '../db/queries/people';
import { tempDir } from '../test-support/temp-dir';
import { testCores } from '../test-support/test-cores';
import { JoinRefused, admitByProof, checkJoinAnswer, saveBootstrap } from './join';
import { allOps, opsOfOrigin } from '../db/queries/ops';
import { stateDigest } from '../db/digest';
import { ingestDraft } from '../test-support/scenario';
import { revokeStation } from './revocation';
import { askToJoin } from './join-client';
import { joinRequestFor } from './join-proof';
import { createWarRoom } from './war-room';

const { cleanups, open } = testCores();

/** A member station serving on 127.0.0.1 with a new room, and an empty station that will join. */
async function memberAndNewcomer() {
  const t = tempDir();
  const core = await StationCore.open(t.dir);
  const room = await createWarRoom(core, {
    warRoom: 'Recall',
    username: 'lead',
    displayName: 'Lead',
    password: 'lead-password',
  });
  await core.close();
  const member = await startStation({
    dataDir: t.dir,
    port: 0,
    discovery: false,
    rendererDir: null,
  });
  cleanups.push(t.cleanup, () => member.close());
  return { member, code: room.joinCode, newcomer: await open() };
}

const admittedIds = async (core: StationCore) =>
  (await listStations(core.read)).map((s) => s.id).sort();

describe('joining a war room', () => {
  it('admits a station that proves the code over TLS, and the code itself never crosses the wire', async () => {
    const { member, code, newcomer } = await memberAndNewcomer();
    const req = joinRequestFor(newcomer, code, member.core.tls.fingerprint, 'desk 2');
    expect(JSON.stringify(req)).not.toContain(code.slice(3));
    // Lower case and spaces, as people type it.
    const answer = await askToJoin(
      newcomer,
      `127.0.0.1:${member.port}`,
      ` ${code.toLowerCase()} `,
      'desk 2',
    );
    expect(answer.warRoom).toBe('Recall');
    expect(answer.admittedBy).toBe(member.stationId);
    expect(await admittedIds(member.core)).toEqual([member.stationId, newcomer.stationId].sort());
  });

  it('refuses a wrong code, and a proof made for another certificate (someone in the middle)', async () => {
    const { member, code, newcomer } = await memberAndNewcomer();
    await expect(
      askToJoin(newcomer, `127.0.0.1:${member.port}`, 'HL-AAAA-BBBB-CCCC', 'desk 2'),
    ).rejects.toThrow(/wrong join code/);
    // A station in the middle shows its own certificate; the proof it receives is bound to it
    // and is worth nothing when relayed to the real member.
    const middle = await open();
    const relayed = joinRequestFor(newcomer, code, middle.tls.fingerprint, 'desk 2');
    await expect(admitByProof(member.core, relayed)).rejects.toThrow(/wrong join code/);
    expect(await admittedIds(member.core)).toEqual([member.stationId]);
  });

  it('refuses joining over plain HTTP', async () => {
    const { member, code, newcomer } = await memberAndNewcomer();
    const req = joinRequestFor(newcomer, code, member.core.tls.fingerprint, 'desk 2');
    const res = await fetch(new URL('/api/join', member.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(req),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toMatch(/takes TLS/);
    expect(await admittedIds(member.core)).toEqual([member.stationId]);
  });

  it('lets the newcomer refuse a member that cannot prove the code or names another certificate', async () => {
    const { member, code, newcomer } = await memberAndNewcomer();
    const req = joinRequestFor(newcomer, code, member.core.tls.fingerprint, 'desk 2');
    const answer = await admitByProof(member.core, req);
    expect(() => checkJoinAnswer(answer, req, code, member.core.tls.fingerprint)).not.toThrow();
    // A pretender without the code, or one that adds a member of its own to the list.
    expect(() =>
      checkJoinAnswer(answer, req, 'HL-AAAA-BBBB-CCCC', member.core.tls.fingerprint),
    ).toThrow(JoinRefused);
    const padded = {
      ...answer,
      members: [...answer.members, { stationId: 'st-x', publicKey: 'k', tlsCert: null }],
    };
    expect(() => checkJoinAnswer(padded, req, code, member.core.tls.fingerprint)).toThrow(
      /could not prove/,
    );
    // The right proof, but shown through a certificate the room does not know for that member.
    expect(() => checkJoinAnswer(answer, req, code, newcomer.tls.fingerprint)).toThrow(JoinRefused);
  });

  it('lets a newcomer check a revoked station’s ops in any piece order, and keeps its revocation when admission and revocation come in one batch', async () => {
    const a = await open();
    const room = await createWarRoom(a, {
      warRoom: 'Lost laptop',
      username: 'lead',
      displayName: 'Lea',
      password: 'lead-password',
    });
    const laptop = await open();
    await a.commit([
      {
        type: 'station.admit',
        v: 1,
        actor: room.adminId,
        subject: laptop.stationId,
        payload: {
          stationId: laptop.stationId,
          publicKey: laptop.key.publicKeyPem,
          name: 'laptop',
        },
      },
    ]);
    await laptop.applyReplicated(await allOps(a.db));
    await laptop.commit([ingestDraft(room.adminId, 't1', 'my flight was cancelled')]);
    const laptopOps = await opsOfOrigin(laptop.db, laptop.stationId);
    await a.applyFromPeer(laptopOps);
    await revokeStation(a, room.adminId, laptop.stationId, 'stolen');

    const newcomer = await open();
    const answer = await admitByProof(
      a,
      joinRequestFor(newcomer, room.joinCode, a.tls.fingerprint, 'desk 3'),
    );
    // The laptop is named so its ops can be checked, but with no certificate to link to.
    expect(answer.members.find((m) => m.stationId === laptop.stationId)).toMatchObject({
      publicKey: laptop.key.publicKeyPem,
      tlsCert: null,
    });
    await saveBootstrap(newcomer.db, { roomId: answer.roomId, members: answer.members });
    // Its chain arrives in a piece before the admin's chain that admitted it: taken, not refused.
    const taken = await newcomer.applyFromPeer(laptopOps);
    expect(taken.applied.ops).toHaveLength(laptopOps.length);
    await newcomer.applyFromPeer(await opsOfOrigin(a.db, a.stationId));
    // The admin's chain holds the laptop's admission and its revocation in one batch.
    expect(await stateDigest(newcomer.db)).toBe(await stateDigest(a.db));
  });
});
