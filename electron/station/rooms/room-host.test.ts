import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeskRoomView } from '../../../shared/contract/rooms';
import { countMentions } from '../db/queries/mention-reads';
import { startStation } from '../station';
import {
  call,
  connectDesk,
  loginToken,
  postJson,
  type DeskClient,
} from '../test-support/station-client';
import { tempDir } from '../test-support/temp-dir';
import { readRooms, RoomsFileError, ROOMS_FILE } from './desk-home';
import { RoomHost } from './room-host';

const undo: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (undo.length) await undo.pop()?.();
});

function home(): string {
  const t = tempDir();
  undo.push(t.cleanup);
  return t.dir;
}

async function host(dir: string): Promise<RoomHost> {
  const h = await RoomHost.start({ home: dir, port: 0, rendererDir: null });
  undo.push(() => h.close());
  return h;
}

async function setUp(url: string, warRoom: string, mode: 'live' | 'drill' = 'live') {
  const r = await postJson(url, '/api/setup', {
    warRoom,
    username: 'lead',
    displayName: 'Lea',
    password: 'lead-password',
    mode,
  });
  if (r.status !== 200) throw new Error(JSON.stringify(r.body));
}

async function desk(url: string): Promise<DeskClient> {
  const socket = await connectDesk(url, await loginToken(url, 'lead', 'lead-password'));
  undo.push(() => void socket.close());
  return socket;
}

async function ok<T extends Record<string, unknown>>(p: Promise<unknown>): Promise<T> {
  const r = (await p) as { ok: boolean; message?: string };
  if (!r.ok) throw new Error(r.message);
  return r as unknown as T;
}

const rooms = async (d: DeskClient) =>
  (await ok<{ rooms: DeskRoomView[] }>(call(d, 'rooms.list', {}))).rooms;

describe('a desk holding several rooms', () => {
  it('runs each room as its own station, switches between them, and never mixes their data', async () => {
    const dir = home();
    const h = await host(dir);
    const first = h.current();
    await setUp(first.url, 'Recall');
    const a = await desk(first.url);

    const created = await ok<{ room: DeskRoomView }>(call(a, 'rooms.create', {}));
    expect(created.room).toMatchObject({ name: null, state: 'active', here: false });
    const secondUrl = created.room.url as string;
    await setUp(secondUrl, 'Super Bowl rehearsal', 'drill');
    const b = await desk(secondUrl);

    await ok(
      call(a, 'mention.create', {
        channel: 'twitter',
        author: { handle: '@kim' },
        text: 'Is my kettle part of the recall?',
      }),
    );
    const stations = [...h.stations().values()];
    expect(stations).toHaveLength(2);
    expect(await countMentions(stations[0]!.core.read)).toBe(1);
    expect(await countMentions(stations[1]!.core.read)).toBe(0);
    expect(stations[0]!.core.dataDir).not.toBe(stations[1]!.core.dataDir);

    const seenFromB = await rooms(b);
    expect(seenFromB.map((r) => [r.name, r.mode, r.here])).toEqual([
      ['Recall', 'live', false],
      ['Super Bowl rehearsal', 'drill', true],
    ]);
    // B's account is B's: the Recall room's session does not open the rehearsal.
    const token = await loginToken(first.url, 'lead', 'lead-password');
    await expect(connectDesk(secondUrl, token)).rejects.toThrow();

    // The desk opens on the room used last, after a restart too.
    const used = await ok<{ url: string }>(call(a, 'rooms.use', { key: created.room.key }));
    expect(used.url).toBe(secondUrl);
    expect(await ok(call(a, 'rooms.use', { key: 'nope' })).catch((e: Error) => e.message)).toMatch(
      /no open room "nope"/,
    );
    await h.close();
    const again = await host(dir);
    expect(again.stations().size).toBe(2);
    const reopened = await desk(again.current().url);
    expect((await rooms(reopened)).find((r) => r.here)?.name).toBe('Super Bowl rehearsal');
  }, 60_000);

  it('archives a closed room to a file and opens the archive to read', async () => {
    const dir = home();
    const h = await host(dir);
    await setUp(h.current().url, 'Storm week');
    const lead = await desk(h.current().url);
    await ok(
      call(lead, 'mention.create', {
        channel: 'email',
        author: { handle: 'ana@example.com' },
        text: '<script>alert(1)</script> my flight?',
      }),
    );
    const roomDir = h.current().core.dataDir;

    const open = await call(lead, 'rooms.archive', {});
    expect(open).toMatchObject({ ok: false, code: 'conflict' });
    expect(open.ok || open.message).toMatch(/close the room before archiving/);
    await ok(call(lead, 'room.close', { reason: 'Storm over' }));
    const archived = await ok<{ file: string; next: string }>(call(lead, 'rooms.archive', {}));
    expect(existsSync(archived.file)).toBe(true);
    expect(path.dirname(archived.file)).toBe(path.join(dir, 'archives'));
    // The desk moves on to a room of its own (a new, empty one here) and the folder goes.
    const next = await desk2(archived.next);
    expect(next).toMatchObject({ initialized: false });
    await eventuallyGone(roomDir);
    const listed = readRooms(dir).rooms;
    expect(listed.map((r) => r.state)).toEqual(['archived', 'active']);

    const other = h.current();
    await setUp(other.url, 'Next incident');
    const d = await desk(other.url);
    const view = (await rooms(d)).find((r) => r.state === 'archived');
    expect(view).toMatchObject({ name: 'Storm week', closed: true, url: null });
    expect(view?.archive?.by).toBe('Lea');

    const opened = await ok<{ url: string }>(call(d, 'rooms.openArchive', { key: view?.key }));
    const reader = await desk(opened.url);
    const page = await ok<{ rows: { text: string }[] }>(
      call(reader, 'mention.window', { query: {}, offset: 0, limit: 10 }),
    );
    expect(page.rows.map((m) => m.text)).toEqual(['<script>alert(1)</script> my flight?']);
    const claim = await call(reader, 'mention.create', {
      channel: 'email',
      author: { handle: 'x@example.com' },
      text: 'new',
    });
    expect(claim).toMatchObject({ ok: false, code: 'forbidden' });
    expect((await rooms(d)).find((r) => r.key === view?.key)).toMatchObject({
      state: 'active',
      fromArchive: true,
      closed: true,
    });
  }, 60_000);

  it('keeps the folder of a desk from before rooms as its first room', async () => {
    const dir = home();
    const legacy = path.join(dir, 'station');
    const lone = await startStation({ dataDir: legacy, port: 0, rendererDir: null });
    await setUp(lone.url, 'Old room');
    await lone.close();
    const h = await host(dir);
    expect(h.current().core.dataDir).toBe(legacy);
    expect(JSON.parse(readFileSync(path.join(dir, ROOMS_FILE), 'utf8')).rooms[0]).toMatchObject({
      key: 'station',
      dir: legacy,
    });
  }, 60_000);

  it('refuses a broken rooms file, saying where, and a lone station has no rooms to list', async () => {
    const dir = home();
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      path.join(dir, ROOMS_FILE),
      '{"version":1,"current":null,"rooms":[{"key":"../x"}]}',
    );
    expect(() => readRooms(dir)).toThrow(RoomsFileError);
    expect(() => readRooms(dir)).toThrow(/rooms\.0/);
    await expect(RoomHost.start({ home: dir, port: 0, rendererDir: null })).rejects.toThrow(
      /rooms\.json/,
    );

    const t = tempDir();
    undo.push(t.cleanup);
    const lone = await startStation({ dataDir: t.dir, port: 0, rendererDir: null });
    undo.push(() => lone.close());
    await setUp(lone.url, 'Lone');
    const r = await call(await desk(lone.url), 'rooms.list', {});
    expect(r).toMatchObject({ ok: false, code: 'conflict' });
  }, 60_000);
});

async function desk2(url: string): Promise<unknown> {
  const res = await fetch(new URL('/api/setup', url));
  return res.json();
}

async function eventuallyGone(dir: string): Promise<void> {
  for (let i = 0; i < 50 && existsSync(dir); i++) await new Promise((r) => setTimeout(r, 100));
  expect(existsSync(dir)).toBe(false);
}
