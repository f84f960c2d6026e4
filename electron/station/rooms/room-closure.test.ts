import { describe, expect, it } from 'vitest';
import type { RoomClosed, RoomInfo } from '../../../shared/contract/room';
import type { Mention } from '../../../shared/domain/mention';
import { stateDigest } from '../db/digest';
import { effectOf } from '../db/queries/effects';
import { opsBySubject } from '../db/queries/ops';
import { operatorByUsername } from '../db/queries/people';
import { CLOSURE_SUBJECT } from '../ops/closure-payloads';
import { converged, deskAt, roomOfTwo } from '../test-support/room-of-two';
import { call } from '../test-support/station-client';
import { eventually } from '../test-support/station-process';
import { testCores } from '../test-support/test-cores';
import { RoomClosedError } from '../core/core';

const { cleanups } = testCores();

const mention = (text: string) => ({
  channel: 'twitter',
  author: { handle: '@traveller', name: 'Traveller' },
  text,
});

describe('closing a room', () => {
  it('makes every desk of the room read-only until an admin reopens it', async () => {
    const { a, b, room } = await roomOfTwo(cleanups);
    const lead = await deskAt(cleanups, a, 'lead', 'lead-password');
    const anaOnB = await deskAt(cleanups, b, 'ana', 'ana-password');
    const before = await call(anaOnB, 'mention.create', mention('My bag is lost'));
    if (!before.ok) throw new Error(before.message);
    const bag = before.mention as Mention;

    // An operator may not close the room: refused at the desk.
    expect(await call(anaOnB, 'room.close', {})).toMatchObject({ ok: false, code: 'forbidden' });

    const pushed = new Promise<{ closed: RoomClosed | null }>((resolve) =>
      anaOnB.once('room.changed', resolve),
    );
    const closed = await call(lead, 'room.close', { reason: 'Incident over' });
    if (!closed.ok) throw new Error(closed.message);
    expect(closed.closed).toMatchObject({
      byId: room.adminId,
      byName: 'Lea',
      reason: 'Incident over',
    });
    // B hears of it over the peer link and tells its desks at once.
    expect((await pushed).closed).toMatchObject({ byName: 'Lea', reason: 'Incident over' });
    await converged(a.core, b.core);

    // Both stations now refuse new work, with the reason, and lose what was there.
    const claim = await call(anaOnB, 'mention.claim', { mentionId: bag.id });
    expect(claim).toMatchObject({ ok: false, code: 'forbidden' });
    expect(claim.ok || claim.message).toMatch(/closed \(read-only\): Incident over/);
    expect(await call(anaOnB, 'mention.create', mention('Still lost'))).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    await expect(
      a.core.commit([
        {
          type: 'mention.close',
          v: 1,
          actor: room.adminId,
          subject: bag.id,
          payload: {},
        },
      ]),
    ).rejects.toBeInstanceOf(RoomClosedError);
    const info = (await call(anaOnB, 'room.get', {})) as { ok: true } & RoomInfo;
    expect(info.closed?.byName).toBe('Lea');
    const seen = await call(anaOnB, 'mention.get', { mentionId: bag.id });
    expect(seen).toMatchObject({ ok: true, mention: { text: 'My bag is lost', status: 'open' } });

    // Closing twice is refused; reopening opens both stations again.
    expect(await call(lead, 'room.close', {})).toMatchObject({ ok: false, code: 'conflict' });
    const reopened = await call(lead, 'room.reopen', {});
    expect(reopened).toMatchObject({ ok: true, closed: null });
    await eventually('B to hear the room reopened', async () => b.core.closedRoom === null);
    const after = await call(anaOnB, 'mention.claim', { mentionId: bag.id });
    expect(after).toMatchObject({ ok: true, won: true });
    await converged(a.core, b.core);
    expect(await stateDigest(a.core.db)).toBe(await stateDigest(b.core.db));
  }, 60_000);

  it("judges closure ops by the closer's role at the time, the same on both stations", async () => {
    const { a, b, room } = await roomOfTwo(cleanups);
    const anaId = (await operatorByUsername(b.core.read, 'ana'))?.id as string;
    // A forged close by an operator (say, from an older desk that did not check) has no effect.
    await b.core.commit([
      {
        type: 'room.close',
        v: 1,
        actor: anaId,
        subject: CLOSURE_SUBJECT,
        payload: { roomId: room.warRoomId },
      },
    ]);
    await converged(a.core, b.core);
    expect(a.core.closedRoom).toBeNull();
    expect(b.core.closedRoom).toBeNull();
    const [forged] = await opsBySubject(a.core.read, CLOSURE_SUBJECT, ['room.close']);
    expect(await effectOf(a.core.read, forged?.id as string)).toMatchObject({
      effect: 'refused',
      reason: 'only an admin closes or reopens the room',
    });
    expect(await effectOf(b.core.read, forged?.id as string)).toMatchObject({ effect: 'refused' });
  }, 60_000);
});
