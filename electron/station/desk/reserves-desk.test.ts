import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import type { StaffingStatus } from '../../../shared/contract/staffing';
import { deskRoom } from '../test-support/desk-room';
import { call } from '../test-support/station-client';

const room = deskRoom([
  { username: 'lena', displayName: 'Lena', role: 'lead', departments: ['customer-care'] },
  { username: 'olga', displayName: 'Olga', role: 'operator', departments: ['customer-care'] },
]);

// The room's paging service: a real HTTP server on 127.0.0.1 that keeps what it is sent.
const received: { headers: IncomingMessage['headers']; body: Record<string, unknown> }[] = [];
const pager = createServer((req, res) => {
  let body = '';
  req.on('data', (c: Buffer) => (body += c.toString()));
  req.on('end', () => {
    received.push({ headers: req.headers, body: JSON.parse(body) as Record<string, unknown> });
    res.writeHead(204).end();
  });
});
afterAll(() => new Promise<void>((resolve) => pager.close(() => resolve())));

const RESERVES = [
  { id: 'ana-k', name: 'Ana K.', phone: '+48 600 100 200', department: 'customer-care' },
  { id: 'bo', name: 'Bo', email: 'bo@example.com' },
];
const statusOf = (r: unknown) => (r as { status: StaffingStatus }).status;

describe('on-call reserves', () => {
  it('keeps the list (leads only), calls it in on a rise, and records who is coming', async () => {
    await new Promise<void>((resolve) => pager.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(pager.address() as AddressInfo).port}/page`;
    const lead = await room.desk('lead');
    const lena = await room.desk('lena');
    const olga = await room.desk('olga');
    expect(await call(lead, 'webhook.set', { url, secret: null })).toMatchObject({ ok: true });

    expect(await call(olga, 'staffing.setReserves', { reserves: RESERVES })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    const twice = await call(lena, 'staffing.setReserves', {
      reserves: [...RESERVES, { id: 'bo', name: 'Bo again' }],
    });
    expect(twice).toMatchObject({ ok: false, code: 'invalid' });
    expect(twice.ok || twice.message).toMatch(/listed twice/);
    const set = await call(lena, 'staffing.setReserves', { reserves: RESERVES });
    expect(statusOf(set).reserves).toEqual(RESERVES);
    expect(statusOf(set).reserveCall).toBeNull();

    // Surge by hand: a rise into a level that calls the reserves in.
    const surge = statusOf(
      await call(lena, 'staffing.set', { level: 'surge', reason: 'stage down' }),
    );
    const callIn = surge.reserveCall;
    expect(callIn).toMatchObject({ to: 'surge' });
    await expect.poll(() => received.length, { timeout: 10_000 }).toBe(1);
    expect(received[0]?.body).toMatchObject({
      id: callIn?.changeOp,
      kind: 'reserves.call',
      level: 'surge',
      reserves: RESERVES,
    });
    expect(received[0]?.headers['idempotency-key']).toBe(callIn?.changeOp);

    const changeOp = callIn?.changeOp as string;
    expect(
      await call(lena, 'staffing.answerReserve', { changeOp, reserveId: 'zed', outcome: 'coming' }),
    ).toMatchObject({ ok: false, code: 'not-found' });
    expect(
      await call(olga, 'staffing.answerReserve', { changeOp, reserveId: 'bo', outcome: 'coming' }),
    ).toMatchObject({ ok: false, code: 'forbidden' });
    await call(lena, 'staffing.answerReserve', { changeOp, reserveId: 'bo', outcome: 'no-answer' });
    const answered = await call(lena, 'staffing.answerReserve', {
      changeOp,
      reserveId: 'ana-k',
      outcome: 'coming',
    });
    expect(
      statusOf(answered).reserveCall?.calls.map((c) => [c.reserveId, c.outcome, c.by]),
    ).toEqual([
      ['bo', 'no-answer', 'Lena'],
      ['ana-k', 'coming', 'Lena'],
    ]);
    // Every desk reads the same sheet.
    expect(statusOf(await call(olga, 'staffing.status', {})).reserveCall?.calls).toHaveLength(2);

    // Back to normal: the call-in is over.
    const normal = await call(lena, 'staffing.set', { level: 'normal', reason: 'show resumed' });
    expect(statusOf(normal).reserveCall).toBeNull();
    expect(received).toHaveLength(1);
  });
});
