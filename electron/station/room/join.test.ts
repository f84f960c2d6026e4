import { describe, expect, it } from 'vitest';
import { startStation } from '../station';
import { StationCore } from '../core/core';
import { listStations } from '../db/queries/people';
import { tempDir } from '../test-support/temp-dir';
import { testCores } from '../test-support/test-cores';
import { JoinRefused, admitByProof, checkJoinAnswer } from './join';
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
});
