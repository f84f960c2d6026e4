import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mentionById } from '../../db/queries/mention-reads';
import { mentionIdOf } from '../../mentions/mention-id';
import { startStation, type RunningStation } from '../../station';
import { tempDir } from '../../test-support/temp-dir';
import { signatureOf } from './webhook-request';

const TOKEN = 'listening-tool-token-0001';
const SIGNED_TOKEN = 'automation-token-000000002';
const SECRET = 'hmac-secret-of-the-automation';

let station: RunningStation;
let cleanup: () => void;

beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  writeFileSync(
    path.join(t.dir, 'connectors.yaml'),
    `connectors:
  - id: listening
    kind: webhook
    token: ${TOKEN}
    maxBodyKb: 4
  - id: automation
    kind: webhook
    token: ${SIGNED_TOKEN}
    signingSecret: ${SECRET}
  - id: bursty
    kind: webhook
    token: ${TOKEN}
    perMinute: 600
    burst: 10
  - id: off
    kind: webhook
    enabled: false
    token: ${TOKEN}
`,
  );
  station = await startStation({ dataDir: t.dir, port: 0, discovery: false, rendererDir: null });
});

afterAll(async () => {
  await station?.close();
  cleanup();
});

/** One mention in the generic JSON preset's shape. */
const record = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  channel: 'twitter',
  author: '@customer',
  text: `My flight was cancelled (${id})`,
  created_at: '2026-03-01T10:00:00Z',
  ...extra,
});

async function post(
  source: string,
  body: unknown,
  headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` },
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const res = await fetch(new URL(`/ingest/${source}`, station.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return {
    status: res.status,
    body: (await res.json()) as Record<string, unknown>,
    headers: res.headers,
  };
}

const mentions = async () =>
  (await station.core.read.get<{ n: number }>('SELECT count(*) AS n FROM mentions'))?.n as number;

describe('webhook ingest: POST /ingest/:source', () => {
  it('takes in one mention, and the same external id again only as a counted duplicate', async () => {
    const before = await mentions();
    const first = await post('listening', record('w-1'));
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ ok: true, items: 1, accepted: 1, duplicates: 0 });
    const again = await post('listening', record('w-1', { text: 'changed text' }));
    expect(again.body).toMatchObject({ ok: true, accepted: 0, duplicates: 1 });
    expect(await mentions()).toBe(before + 1);
    const m = await mentionById(station.core.read, mentionIdOf('twitter', 'w-1'));
    expect(m?.text).toBe('My flight was cancelled (w-1)');
    expect(m?.duplicates).toBe(1);
  });

  it('takes a batch as an array or as {items: [...]}, counting duplicates inside it too', async () => {
    const before = await mentions();
    const arr = await post('listening', [record('b-1'), record('b-2'), record('b-1')]);
    expect(arr.body).toMatchObject({ items: 3, accepted: 2, duplicates: 1 });
    const wrapped = await post('listening', { items: [record('b-2'), record('b-3')] });
    expect(wrapped.body).toMatchObject({ items: 2, accepted: 1, duplicates: 1 });
    expect(await mentions()).toBe(before + 3);
  });

  it('answers concurrent retries of one item with exactly one mention', async () => {
    const before = await mentions();
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => post('listening', record('race-1'))),
    );
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(answers.reduce((n, a) => n + (a.body.accepted as number), 0)).toBe(1);
    expect(answers.reduce((n, a) => n + (a.body.duplicates as number), 0)).toBe(9);
    expect(await mentions()).toBe(before + 1);
  });

  it('refuses a missing or wrong token with 401, and takes X-Holdline-Token as well', async () => {
    const none = await post('listening', record('t-1'), {});
    expect(none.status).toBe(401);
    expect(none.body.message).toMatch(/Authorization: Bearer/);
    const wrong = await post('listening', record('t-1'), { authorization: 'Bearer nope' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.message).toMatch(/wrong token/);
    const header = await post('listening', record('t-1'), { 'x-holdline-token': TOKEN });
    expect(header.status).toBe(200);
    expect(await mentionById(station.core.read, mentionIdOf('twitter', 't-1'))).not.toBeUndefined();
  });

  it('checks the HMAC-SHA256 signature over the raw body (403 when missing or wrong)', async () => {
    const body = JSON.stringify(record('s-1'));
    const auth = { authorization: `Bearer ${SIGNED_TOKEN}` };
    const missing = await post('automation', body, auth);
    expect(missing.status).toBe(403);
    expect(missing.body.message).toMatch(/X-Holdline-Signature is missing/);
    const wrong = await post('automation', body, {
      ...auth,
      'x-holdline-signature': `sha256=${signatureOf(SECRET, body + ' ')}`,
    });
    expect(wrong.status).toBe(403);
    expect(wrong.body.message).toMatch(/does not match/);
    const tampered = await post('automation', body.replace('cancelled', 'delayed'), {
      ...auth,
      'x-holdline-signature': `sha256=${signatureOf(SECRET, body)}`,
    });
    expect(tampered.status).toBe(403);
    expect(await mentionById(station.core.read, mentionIdOf('twitter', 's-1'))).toBeUndefined();
    const good = await post('automation', body, {
      ...auth,
      'x-holdline-signature': `sha256=${signatureOf(SECRET, body)}`,
    });
    expect(good.status).toBe(200);
    expect(good.body.accepted).toBe(1);
  });

  it('refuses malformed JSON and bad records with 400, saying which item and field, taking in none', async () => {
    const before = await mentions();
    const broken = await post('listening', '{"id": "m-1", "text": ');
    expect(broken.status).toBe(400);
    expect(broken.body.message).toMatch(/not valid JSON/);
    const bad = await post('listening', [
      record('m-2'),
      record('m-3', { text: undefined }),
      record('m-4', { created_at: 'yesterday' }),
    ]);
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/^item 1: text: missing/);
    expect(bad.body.errors).toEqual([
      { item: 1, error: 'text: missing' },
      { item: 2, error: expect.stringMatching(/^occurredAt: cannot read the time "yesterday"/) },
    ]);
    expect((await post('listening', '"just a string"')).status).toBe(400);
    expect((await post('listening', [])).status).toBe(400);
    expect(await mentions()).toBe(before);
  });

  it('refuses a body over the source limit with 413, declared or streamed', async () => {
    const before = await mentions();
    const big = record('big-1', { text: 'x'.repeat(5000) });
    const declared = await post('listening', big);
    expect(declared.status).toBe(413);
    expect(declared.body.message).toMatch(/over 4 KB/);
    // Sent in chunks without a length: refused once it passes the limit.
    const chunks = Buffer.from(JSON.stringify(big));
    const res = await fetch(new URL('/ingest/listening', station.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: new ReadableStream({
        start(c) {
          for (let i = 0; i < chunks.length; i += 1000) c.enqueue(chunks.subarray(i, i + 1000));
          c.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(await mentions()).toBe(before);
  });

  it('answers a burst over the rate limit with 429 and Retry-After; retried, all land once', async () => {
    const before = await mentions();
    const ids = Array.from({ length: 30 }, (_, i) => `burst-${i}`);
    let pending = ids;
    let refusedOnce = 0;
    for (let round = 0; pending.length > 0 && round < 10; round++) {
      const started = Date.now();
      const answers = await Promise.all(pending.map((id) => post('bursty', record(id))));
      const elapsed = Date.now() - started;
      const refused = answers.flatMap((a, i) => (a.status === 429 ? [pending[i] as string] : []));
      for (const a of answers) {
        expect([200, 429]).toContain(a.status);
        if (a.status === 429) expect(Number(a.headers.get('retry-after'))).toBeGreaterThan(0);
      }
      if (round === 0) {
        refusedOnce = refused.length;
        // The bucket holds 10, refilled at 10 a second while the round lasted: the rest wait.
        const passed = answers.filter((a) => a.status === 200).length;
        expect(passed).toBeGreaterThanOrEqual(10);
        expect(passed).toBeLessThanOrEqual(10 + Math.ceil(elapsed / 100));
      }
      pending = refused;
      if (pending.length > 0) {
        const wait = Math.max(...answers.map((a) => Number(a.headers.get('retry-after') ?? 0)));
        await new Promise((r) => setTimeout(r, wait * 1000));
      }
    }
    expect(refusedOnce).toBeGreaterThan(0);
    expect(pending).toEqual([]);
    expect(await mentions()).toBe(before + 30);
  }, 30_000);

  it('answers 404 for an unknown source, 403 for a disabled one, 405 for GET', async () => {
    expect((await post('nobody', record('x'))).status).toBe(404);
    expect((await post('off', record('x'))).status).toBe(403);
    const get = await fetch(new URL('/ingest/listening', station.url));
    expect(get.status).toBe(405);
  });
});
