import { describe, expect, it } from 'vitest';
import { deskRoom } from '../test-support/desk-room';
import { call } from '../test-support/station-client';
import { askToJoin } from '../room/join-client';
import { testCores } from '../test-support/test-cores';

const { open } = testCores();
const room = deskRoom([
  { username: 'rita', displayName: 'Rita Lead', role: 'lead', departments: ['pr'] },
  {
    username: 'otto',
    displayName: 'Otto Operator',
    role: 'operator',
    departments: ['customer-care'],
  },
]);

describe('adding desks to the room', () => {
  it('gives an admin a fresh join code, shown once, with how other desks reach this station', async () => {
    const lead = await room.desk('lead');
    const made = await call(lead, 'sync.makeJoinCode', {});
    expect(made).toMatchObject({ ok: true, code: expect.stringMatching(/^HL-/) });
    const again = await call(lead, 'sync.makeJoinCode', {});
    expect((again as { code: string }).code).not.toBe((made as { code: string }).code);
    const access = (made as unknown as { access: Record<string, unknown> }).access;
    expect(access).toMatchObject({
      stationId: room.station().stationId,
      fingerprint: room.station().core.tls.fingerprint,
      lanHttps: false,
      // This test station listens on loopback only: no other machine can reach it.
      addresses: [],
    });
    // The code admits a new station.
    const newcomer = await open();
    const answer = await askToJoin(
      newcomer,
      `127.0.0.1:${room.station().port}`,
      (made as { code: string }).code,
      'desk 2',
    );
    expect(answer.members.map((m) => m.stationId)).toContain(newcomer.stationId);
  });

  it('lets only admins make join codes or change HTTPS, and leads see how to reach the station', async () => {
    const rita = await room.desk('rita');
    expect(await call(rita, 'sync.makeJoinCode', {})).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    expect(await call(rita, 'sync.setLanHttps', { on: true })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    expect(await call(rita, 'sync.access', {})).toMatchObject({ ok: true, lanHttps: false });
    const otto = await room.desk('otto');
    expect(await call(otto, 'sync.access', {})).toMatchObject({ ok: false, code: 'forbidden' });
    const lead = await room.desk('lead');
    expect(await call(lead, 'sync.setLanHttps', { on: 'yes' })).toMatchObject({
      ok: false,
      code: 'invalid',
    });
  });
});
