import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStation, type RunningStation } from '../station';
import { tempDir } from '../test-support/temp-dir';
import { call, connectDesk, loginToken, postJson } from '../test-support/station-client';

let station: RunningStation;
let cleanup: () => void;
let leadToken: string;
let observerToken: string;

beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  station = await startStation({ dataDir: t.dir, port: 0, discovery: false, rendererDir: null });
  leadToken = (
    await postJson(station.url, '/api/setup', {
      warRoom: 'Outage',
      username: 'lead',
      displayName: 'Lead',
      password: 'lead-password',
    })
  ).body.token as string;
  const desk = await connectDesk(station.url, leadToken);
  await call(desk, 'operator.create', {
    username: 'olga',
    displayName: 'Olga',
    password: 'olga-password',
    role: 'observer',
  });
  desk.close();
  observerToken = await loginToken(station.url, 'olga', 'olga-password');
});

afterAll(async () => {
  await station.close();
  cleanup();
});

const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(new URL(path, station.url), { method: 'POST', body, headers });

describe('HTTP API', () => {
  it('answers bad bodies with a clear error and a fitting status', async () => {
    const notJson = await post('/api/login', '{ nope', { 'content-type': 'application/json' });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({
      ok: false,
      code: 'invalid',
      message: 'request body is not valid JSON',
    });
    const huge = await post(
      '/api/login',
      JSON.stringify({ username: 'x', password: 'y'.repeat(100_000) }),
    );
    expect(huge.status).toBe(413);
    const missing = await postJson(station.url, '/api/login', { username: 'lead' });
    expect(missing.status).toBe(400);
    const unknown = await fetch(new URL('/api/nothing', station.url));
    expect(unknown.status).toBe(404);
  });

  it('says the UI is not built rather than serving nothing', async () => {
    const page = await fetch(new URL('/', station.url));
    expect(page.status).toBe(503);
    expect(await page.text()).toMatch(/npm run build:web/);
  });

  it('refuses imports without a session, from an observer, or with an unknown preset', async () => {
    const csv = 'id,channel,author,text,created_at\n1,twitter,@a,hi,2024-01-01T00:00:00Z\n';
    expect((await post('/api/import?preset=generic-csv', csv)).status).toBe(401);
    expect(
      (
        await post('/api/import?preset=generic-csv', csv, {
          authorization: `Bearer ${observerToken}`,
        })
      ).status,
    ).toBe(403);
    const bad = await post('/api/import?preset=../../etc', csv, {
      authorization: `Bearer ${leadToken}`,
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/no preset/);
  });

  it('streams progress as NDJSON and ends with a summary', async () => {
    const rows = ['id,channel,author,text,created_at'];
    for (let i = 0; i < 50; i++)
      rows.push(
        `${i},twitter,@a${i},"hello, ${i}",2024-01-01T00:00:${String(i % 60).padStart(2, '0')}Z`,
      );
    rows.push('oops,telegraph,@x,hi,2024-01-01T00:00:00Z');
    const res = await post('/api/import?preset=generic-csv', rows.join('\n') + '\n', {
      authorization: `Bearer ${leadToken}`,
    });
    expect(res.headers.get('content-type')).toMatch(/ndjson/);
    const lines = (await res.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.at(-1)).toMatchObject({
      phase: 'done',
      rows: 51,
      imported: 50,
      errors: 1,
      rowErrors: [{ line: 52 }],
    });
    const health = (await (await fetch(new URL('/health', station.url))).json()) as {
      mentions: number;
    };
    expect(health.mentions).toBe(50);
  });

  it('refuses a file whose columns do not fit the preset, and imports nothing', async () => {
    const res = await post('/api/import?preset=airline-2015', 'a,b\n1,2\n', {
      authorization: `Bearer ${leadToken}`,
    });
    const last = JSON.parse((await res.text()).trim().split('\n').at(-1) as string) as {
      phase: string;
      message: string;
    };
    expect(last).toMatchObject({ phase: 'failed' });
    expect(last.message).toMatch(/no column "tweet_id"/);
  });
});
