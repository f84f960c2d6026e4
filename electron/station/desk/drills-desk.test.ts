import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DrillStatus } from '../../../shared/contract/drills';
import { startStation, type RunningStation } from '../station';
import { tempDir } from '../test-support/temp-dir';
import {
  call,
  connectDesk,
  loginToken,
  postJson,
  type DeskClient,
} from '../test-support/station-client';

const stations: RunningStation[] = [];
const cleanups: (() => void)[] = [];
const sockets: DeskClient[] = [];

async function station(mode: 'live' | 'drill') {
  const t = tempDir();
  cleanups.push(t.cleanup);
  const s = await startStation({ dataDir: t.dir, port: 0, discovery: false, rendererDir: null });
  stations.push(s);
  await postJson(s.url, '/api/setup', {
    warRoom: mode === 'drill' ? 'Gala drill' : 'Gala',
    username: 'lead',
    displayName: 'Lea Lead',
    password: 'lead-password',
    mode,
  });
  const token = await loginToken(s.url, 'lead', 'lead-password');
  const lead = await connectDesk(s.url, token);
  sockets.push(lead);
  await call(lead, 'operator.create', {
    username: 'ana',
    displayName: 'Ana',
    password: 'ana-password',
    role: 'operator',
  });
  return { url: s.url, token, lead };
}

let live: Awaited<ReturnType<typeof station>>;
let drill: Awaited<ReturnType<typeof station>>;
beforeAll(async () => {
  live = await station('live');
  drill = await station('drill');
});
afterAll(async () => {
  for (const s of sockets) s.close();
  for (const s of stations) await s.close();
  for (const c of cleanups) c();
});

const start = Date.parse('2026-02-07T18:00:00Z');
const CSV = [
  'id,channel,author,text,created_at',
  ...Array.from(
    { length: 120 },
    (_, i) =>
      `${i},twitter,@fan${i},when does the show start?,${new Date(start + i * 60_000).toISOString()}`,
  ),
].join('\n');

const post = (base: string, token: string, query: string, body: string) =>
  fetch(new URL(`/api/drill?${query}`, base), {
    method: 'POST',
    body,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
  }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }));

describe('drills over HTTP and /desk', () => {
  it('refuses a drill in a live room before reading the file', async () => {
    const r = await post(live.url, live.token, 'format=csv&speed=60', CSV);
    expect(r.status).toBe(403);
    expect(r.body.message).toMatch(/drill or training room only/);
    expect(
      await call(live.lead, 'mention.window', { query: {}, offset: 0, limit: 5 }),
    ).toMatchObject({ ok: true, total: 0 });
  });

  it('shows the room as a drill, refuses bad requests and operators, and replays under the lead’s control', async () => {
    expect(await call(drill.lead, 'room.get', {})).toMatchObject({ ok: true, mode: 'drill' });
    expect((await post(drill.url, drill.token, 'format=csv&speed=0', CSV)).status).toBe(400);
    expect((await post(drill.url, drill.token, 'format=csv&speed=fast', CSV)).status).toBe(400);
    const empty = await post(
      drill.url,
      drill.token,
      'format=csv',
      'id,channel,author,text,created_at\n',
    );
    expect(empty).toMatchObject({ status: 400 });
    expect(empty.body.message).toMatch(/no mention to replay/);
    const anaToken = await loginToken(drill.url, 'ana', 'ana-password');
    expect((await post(drill.url, anaToken, 'format=csv&speed=60', CSV)).status).toBe(403);

    const progress: DrillStatus[] = [];
    drill.lead.on('drill.progress', (s: DrillStatus) => progress.push(s));
    // Two hours of the file at 360×: 20 seconds unless someone speeds it up.
    const started = await post(
      drill.url,
      drill.token,
      'format=csv&speed=360&filename=gala.csv',
      CSV,
    );
    expect(started.status).toBe(200);
    expect(started.body.drill).toMatchObject({ file: 'gala.csv', state: 'running', total: 120 });

    const ana = await connectDesk(drill.url, anaToken);
    sockets.push(ana);
    expect(await call(ana, 'drill.control', { action: 'pause' })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    const paused = await call(drill.lead, 'drill.control', { action: 'pause' });
    expect(paused).toMatchObject({ ok: true, drill: { state: 'paused' } });
    expect(await call(ana, 'drill.status', {})).toMatchObject({
      ok: true,
      drill: { state: 'paused' },
    });
    expect(await call(drill.lead, 'drill.control', { action: 'speed' })).toMatchObject({
      ok: false,
    });
    await call(drill.lead, 'drill.control', { action: 'resume' });
    await call(drill.lead, 'drill.control', { action: 'speed', speed: 100_000 });
    await expect.poll(() => progress.at(-1)?.state, { timeout: 10_000 }).toBe('done');
    expect(progress.at(-1)).toMatchObject({ replayed: 120, speed: 100_000 });
    expect(progress.some((p) => p.state === 'paused')).toBe(true);
    expect(
      await call(drill.lead, 'mention.window', { query: {}, offset: 0, limit: 5 }),
    ).toMatchObject({ ok: true, total: 120 });
  });
});
