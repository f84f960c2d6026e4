import { describe, expect, it } from 'vitest';
import type { OperatorSessionsView, StationView } from '../../../shared/contract/devices';
import { deskRoom } from '../test-support/desk-room';
import { call } from '../test-support/station-client';

const room = deskRoom([
  { username: 'olga', displayName: 'Olga', role: 'operator', departments: ['pr'] },
  { username: 'pete', displayName: 'Pete', role: 'admin', departments: [] },
]);

describe('devices and sessions desk commands', () => {
  it('list this station and refuse revoking it, or anything, to a non-admin', async () => {
    const admin = await room.desk('lead');
    const list = await call(admin, 'station.list', {});
    if (!list.ok) throw new Error(list.message);
    const [self] = list.stations as StationView[];
    expect(self).toMatchObject({
      self: true,
      revoked: null,
      rotated: null,
      admitted: { at: expect.stringMatching(/^\d{4}-/) },
    });
    expect(self?.keyFingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(await call(admin, 'station.revoke', { stationId: self?.id })).toMatchObject({
      ok: false,
      code: 'invalid',
    });
    expect(await call(admin, 'station.revoke', { stationId: 'st-nobody' })).toMatchObject({
      ok: false,
      code: 'not-found',
    });
    const olga = await room.desk('olga');
    for (const [name, input] of [
      ['station.list', {}],
      ['station.revoke', { stationId: self?.id }],
      ['station.rotateKey', {}],
      ['session.list', {}],
      ['operator.revoke', { operatorId: 'x' }],
    ] as const)
      expect(await call(olga, name, input)).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('revoke an account with who and when, not one’s own, and rotate this station’s key', async () => {
    const admin = await room.desk('lead');
    const sessions = await call(admin, 'session.list', {});
    if (!sessions.ok) throw new Error(sessions.message);
    const views = sessions.operators as OperatorSessionsView[];
    const lead = views.find((o) => o.username === 'lead') as OperatorSessionsView;
    const pete = views.find((o) => o.username === 'pete') as OperatorSessionsView;
    expect(lead.sessions).toBeGreaterThan(0);
    expect(await call(admin, 'operator.revoke', { operatorId: lead.operatorId })).toMatchObject({
      ok: false,
      code: 'invalid',
    });
    await room.desk('pete');
    const revoked = await call(admin, 'operator.revoke', {
      operatorId: pete.operatorId,
      reason: 'left',
    });
    expect(revoked).toMatchObject({
      ok: true,
      releasedClaims: 0,
      operator: { disabled: true, sessions: 0, revoked: { byName: 'Lea Lead', reason: 'left' } },
    });
    expect(await call(admin, 'operator.revoke', { operatorId: pete.operatorId })).toMatchObject({
      ok: false,
      code: 'conflict',
    });
    // A revoked account is not enabled again by an update.
    await call(admin, 'operator.update', { operatorId: pete.operatorId, disabled: false });
    await expect(room.desk('pete')).rejects.toThrow();

    const rotated = await call(admin, 'station.rotateKey', {});
    expect(rotated).toMatchObject({ ok: true, station: { self: true, rotated: { count: 1 } } });
    // The station keeps working: its next op is signed with the new key.
    expect(
      await call(admin, 'mention.create', {
        channel: 'phone',
        author: { handle: 'caller' },
        text: 'after rotating',
      }),
    ).toMatchObject({ ok: true });
  });
});
