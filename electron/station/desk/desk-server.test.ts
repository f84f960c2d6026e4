import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStation, type RunningStation } from '../station';
import { tempDir } from '../test-support/temp-dir';
import {
  call,
  connectDesk,
  loginToken,
  postJson,
  type DeskClient,
} from '../test-support/station-client';
import type { MentionDelta } from '../../../shared/contract/mentions';

let station: RunningStation;
let cleanup: () => void;
const sockets: DeskClient[] = [];
let admin: DeskClient;

async function deskAs(username: string, password: string): Promise<DeskClient> {
  const s = await connectDesk(station.url, await loginToken(station.url, username, password));
  sockets.push(s);
  return s;
}

beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  station = await startStation({ dataDir: t.dir, port: 0, discovery: false, rendererDir: null });
  const setup = await postJson(station.url, '/api/setup', {
    warRoom: 'Recall',
    username: 'lead',
    displayName: 'Lea Lead',
    password: 'lead-password',
  });
  expect(setup.status).toBe(200);
  admin = await deskAs('lead', 'lead-password');
  for (const [username, role] of [
    ['ana', 'operator'],
    ['bo', 'operator'],
    ['olga', 'observer'],
  ] as const) {
    const r = await call(admin, 'operator.create', {
      username,
      displayName: username.toUpperCase(),
      password: `${username}-password`,
      role,
      departments: ['customer-care'],
    });
    expect(r.ok).toBe(true);
  }
});

afterAll(async () => {
  for (const s of sockets) s.close();
  await station.close();
  cleanup();
});

describe('/desk', () => {
  it('answers /health with the room and counts', async () => {
    const h = (await (await fetch(new URL('/health', station.url))).json()) as Record<
      string,
      unknown
    >;
    expect(h).toMatchObject({ ok: true, stationId: station.stationId, warRoom: 'Recall' });
    expect(h.ops).toBeGreaterThanOrEqual(7);
  });

  it('refuses a wrong password without saying which part was wrong', async () => {
    const r = await postJson(station.url, '/api/login', { username: 'ana', password: 'nope-nope' });
    expect(r.status).toBe(401);
    expect(r.body.message).toBe('wrong username or password');
    const ghost = await postJson(station.url, '/api/login', {
      username: 'ghost',
      password: 'nope-nope',
    });
    expect(ghost.body.message).toBe('wrong username or password');
  });

  it('refuses a second war room setup', async () => {
    const r = await postJson(station.url, '/api/setup', {
      warRoom: 'Other',
      username: 'eve',
      displayName: 'Eve',
      password: 'eve-password',
    });
    expect(r.status).toBe(409);
  });

  it('refuses a socket without a session, with a clear error', async () => {
    await expect(connectDesk(station.url, undefined)).rejects.toThrow(/unauthenticated/);
    await expect(connectDesk(station.url, 'forged-token')).rejects.toThrow(/unauthenticated/);
  });

  it('answers a malformed or unknown command with an error, and keeps serving', async () => {
    const ana = await deskAs('ana', 'ana-password');
    const bad = await call(ana, 'mention.claim', { mentionId: 42 });
    expect(bad).toMatchObject({ ok: false, code: 'invalid' });
    expect(bad.ok === false && bad.message).toMatch(/mentionId/);
    expect(await call(ana, 'mention.explode', {})).toMatchObject({ ok: false, code: 'invalid' });
    expect(await call(ana, 'mention.window', 'not an object')).toMatchObject({
      ok: false,
      code: 'invalid',
    });
    expect(await call(ana, 'mention.get', { mentionId: 'm-missing' })).toMatchObject({
      ok: false,
      code: 'not-found',
    });
    expect(await call(ana, 'room.get', {})).toMatchObject({ ok: true, warRoom: 'Recall' });
  });

  it('lets an operator claim, shows it live to another desk, and refuses an observer', async () => {
    const ana = await deskAs('ana', 'ana-password');
    const bo = await deskAs('bo', 'bo-password');
    const olga = await deskAs('olga', 'olga-password');
    const created = await call(ana, 'mention.create', {
      channel: 'phone',
      author: { handle: 'Mrs Kowalska', phone: '+48 600 000 000' },
      text: 'Called about the recall <b>twice</b>',
    });
    if (!created.ok) throw new Error(created.message);
    const mention = created.mention as { id: string; text: string; channel: string };
    expect(mention.text).toBe('Called about the recall <b>twice</b>');

    const seen = new Promise<MentionDelta[]>((resolve) => bo.once('mention.changed', resolve));
    const claim = await call(ana, 'mention.claim', { mentionId: mention.id, basis: null });
    expect(claim).toMatchObject({ ok: true, won: true });
    const deltas = await seen;
    expect(deltas[0]?.mention.claim?.operatorName).toBe('ANA');

    const lost = await call(bo, 'mention.claim', { mentionId: mention.id, basis: null });
    expect(lost).toMatchObject({ ok: true, won: false });
    expect(await call(bo, 'mention.answer', { mentionId: mention.id })).toMatchObject({
      ok: false,
      code: 'conflict',
    });

    expect(await call(olga, 'mention.claim', { mentionId: mention.id, basis: null })).toMatchObject(
      { ok: false, code: 'forbidden' },
    );
    expect(
      await call(olga, 'operator.create', {
        username: 'x1',
        displayName: 'X',
        password: 'password!',
        role: 'admin',
      }),
    ).toMatchObject({ ok: false, code: 'forbidden' });

    expect(await call(ana, 'mention.answer', { mentionId: mention.id })).toMatchObject({
      ok: true,
      mention: { status: 'answered', claim: null },
    });
    const detail = await call(olga, 'mention.get', { mentionId: mention.id });
    if (!detail.ok) throw new Error(detail.message);
    const history = detail.history as { type: string; effect: string; actorName: string }[];
    expect(history.map((h) => [h.type, h.effect])).toEqual([
      ['mention.ingest', 'applied'],
      ['mention.claim', 'applied'],
      ['mention.claim', 'collision'],
      ['mention.answer', 'refused'],
      ['mention.answer', 'applied'],
    ]);
  });

  it('releases the claims an operator made here when they log out, and only theirs', async () => {
    const token = await loginToken(station.url, 'bo', 'bo-password');
    const bo = await connectDesk(station.url, token);
    sockets.push(bo);
    const ana = await deskAs('ana', 'ana-password');
    const ids: string[] = [];
    for (const text of ['Lid cracked', 'Where is my parcel', 'Box was opened']) {
      const r = await call(ana, 'mention.create', {
        channel: 'email',
        author: { handle: 'x' },
        text,
      });
      if (!r.ok) throw new Error(r.message);
      ids.push((r.mention as { id: string }).id);
    }
    for (const id of ids.slice(0, 2))
      expect(await call(bo, 'mention.claim', { mentionId: id, basis: null })).toMatchObject({
        won: true,
      });
    expect(await call(ana, 'mention.claim', { mentionId: ids[2], basis: null })).toMatchObject({
      won: true,
    });

    const out = await fetch(new URL('/api/logout', station.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(await out.json()).toEqual({ ok: true, released: 2 });
    const claims = [];
    for (const id of ids) {
      const d = await call(ana, 'mention.get', { mentionId: id });
      if (!d.ok) throw new Error(d.message);
      claims.push(
        (d.mention as { claim: { operatorName: string } | null }).claim?.operatorName ?? null,
      );
    }
    expect(claims).toEqual([null, null, 'ANA']);
  });

  it('finds mentions by full-text search and filters', async () => {
    const ana = await deskAs('ana', 'ana-password');
    await call(ana, 'mention.create', {
      channel: 'email',
      author: { handle: 'jan@example.com' },
      text: 'Zażółć gęślą jaźń: refund please',
    });
    const found = await call(ana, 'mention.window', {
      query: { search: 'refu' },
      offset: 0,
      limit: 50,
    });
    expect(found).toMatchObject({ ok: true, total: 1 });
    const byChannel = await call(ana, 'mention.window', {
      query: { channels: ['phone'] },
      offset: 0,
      limit: 50,
    });
    expect(byChannel).toMatchObject({ ok: true, total: 1 });
    const hostile = await call(ana, 'mention.window', {
      query: { search: '" OR * NEAR(' },
      offset: 0,
      limit: 5,
    });
    expect(hostile.ok).toBe(true);
  });
});
