import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConnectorsView, ConnectorView } from '../../../shared/contract/connectors';
import { eventually } from '../test-support/station-process';
import { deskRoom } from '../test-support/desk-room';
import { call } from '../test-support/station-client';

const room = deskRoom([
  { username: 'lena', displayName: 'Lena', role: 'lead', departments: ['pr'] },
  { username: 'olga', displayName: 'Olga', role: 'operator', departments: ['pr'] },
]);

const TOKEN = 'a-long-webhook-token-9f3c';

async function postTo(endpoint: string, token: string) {
  const res = await fetch(new URL(endpoint, room.station().url), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      id: `d-${Math.random()}`,
      channel: 'facebook',
      author: 'someone',
      text: 'Where is my refund?',
      created_at: '2026-03-01T10:00:00Z',
    }),
  });
  return res.status;
}

const fileOf = () => path.join(room.station().core.dataDir, 'connectors.yaml');

describe('connector desk commands', () => {
  it('let admins add, change and remove connectors, never sending a secret back in full', async () => {
    const admin = await room.desk('lead');
    const pushed: ConnectorsView[] = [];
    admin.on('connector.changed', (v) => pushed.push(v));

    const empty = await call(admin, 'connector.list', {});
    if (!empty.ok) throw new Error(empty.message);
    expect(empty.connectors).toEqual([]);
    const kinds = (empty.kinds as ConnectorsView['kinds']).map((k) => k.kind);
    expect(kinds).toEqual(expect.arrayContaining(['webhook', 'rss', 'watch-folder']));
    const webhook = (empty.kinds as ConnectorsView['kinds']).find((k) => k.kind === 'webhook');
    expect(webhook?.secrets).toEqual(['token', 'signingSecret']);
    expect(webhook?.schema).toMatchObject({ type: 'object', required: ['token'] });

    const saved = await call(admin, 'connector.save', {
      id: 'listening',
      kind: 'webhook',
      title: 'Listening tool',
      enabled: true,
      create: true,
      settings: { token: TOKEN, perMinute: 120 },
    });
    if (!saved.ok) throw new Error(saved.message);
    const view = saved.connector as ConnectorView;
    expect(view).toMatchObject({
      id: 'listening',
      title: 'Listening tool',
      endpoint: '/ingest/listening',
      secrets: { token: { set: true, last4: '9f3c' }, signingSecret: { set: false, last4: null } },
      settings: { preset: 'generic-jsonl', perMinute: 120, burst: 60 },
    });
    expect(JSON.stringify(view)).not.toContain(TOKEN);
    expect(readFileSync(fileOf(), 'utf8')).toContain(`token: ${TOKEN}`);
    expect(await postTo('/ingest/listening', TOKEN)).toBe(200);
    await eventually('a push with the new connector', async () =>
      pushed.some((v) => v.connectors.some((c) => c.id === 'listening')),
    );

    // Saved without its token: the token stays. A new token replaces it.
    const kept = await call(admin, 'connector.save', {
      id: 'listening',
      kind: 'webhook',
      enabled: true,
      settings: { perMinute: 60 },
    });
    expect(kept).toMatchObject({ ok: true, connector: { settings: { perMinute: 60 } } });
    expect(await postTo('/ingest/listening', TOKEN)).toBe(200);
    await call(admin, 'connector.save', {
      id: 'listening',
      kind: 'webhook',
      enabled: true,
      settings: { token: 'another-token-of-16+chars' },
    });
    expect(await postTo('/ingest/listening', TOKEN)).toBe(401);

    const off = await call(admin, 'connector.save', {
      id: 'listening',
      kind: 'webhook',
      enabled: false,
      settings: {},
    });
    expect(off).toMatchObject({
      ok: true,
      connector: { enabled: false, health: { state: 'disabled' } },
    });
    expect(await postTo('/ingest/listening', 'another-token-of-16+chars')).toBe(403);

    expect(await call(admin, 'connector.remove', { id: 'listening' })).toMatchObject({ ok: true });
    expect(readFileSync(fileOf(), 'utf8')).not.toContain('listening');
    expect(await postTo('/ingest/listening', TOKEN)).toBe(404);
  });

  it('refuse bad settings with the field at fault, taken ids, unknown kinds and ids', async () => {
    const admin = await room.desk('lead');
    const short = await call(admin, 'connector.save', {
      id: 'short',
      kind: 'webhook',
      enabled: true,
      create: true,
      settings: { token: 'short' },
    });
    expect(short).toMatchObject({ ok: false, code: 'invalid' });
    expect(short.ok || short.message).toBe('token: at least 16 characters');
    const feed = await call(admin, 'connector.save', {
      id: 'feed',
      kind: 'rss',
      enabled: false,
      create: true,
      settings: { url: 'ftp://example.org/feed' },
    });
    expect(feed.ok || feed.message).toMatch(/^url: /);
    const ok = {
      id: 'news',
      kind: 'rss',
      enabled: false,
      create: true,
      settings: { url: 'https://news.example/rss' },
    };
    expect(await call(admin, 'connector.save', ok)).toMatchObject({ ok: true });
    expect(await call(admin, 'connector.save', ok)).toMatchObject({ ok: false, code: 'conflict' });
    expect(
      await call(admin, 'connector.save', { ...ok, create: false, kind: 'webhook' }),
    ).toMatchObject({ ok: false, code: 'invalid' });
    expect(await call(admin, 'connector.save', { ...ok, id: 'Bad Id' })).toMatchObject({
      ok: false,
      code: 'invalid',
    });
    expect(
      await call(admin, 'connector.save', { ...ok, id: 'x', kind: 'telepathy' }),
    ).toMatchObject({ ok: false, code: 'invalid' });
    expect(await call(admin, 'connector.remove', { id: 'nothing' })).toMatchObject({
      ok: false,
      code: 'not-found',
    });
    await call(admin, 'connector.remove', { id: 'news' });
  });

  it('let leads see connectors but not change them, and keep operators out', async () => {
    const lena = await room.desk('lena');
    const olga = await room.desk('olga');
    expect(await call(lena, 'connector.list', {})).toMatchObject({ ok: true });
    expect(
      await call(lena, 'connector.save', {
        id: 'x',
        kind: 'rss',
        enabled: true,
        create: true,
        settings: { url: 'https://a.example/' },
      }),
    ).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await call(olga, 'connector.list', {})).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('reread connectors.yaml edited by hand, reporting problems by line and keeping the last good set', async () => {
    const admin = await room.desk('lead');
    writeFileSync(fileOf(), `connectors:\n  - id: hand\n    kind: webhook\n    token: ${TOKEN}\n`);
    await eventually('the hand-written connector', async () => {
      const v = await call(admin, 'connector.list', {});
      return v.ok && (v.connectors as ConnectorView[]).some((c) => c.id === 'hand');
    });
    writeFileSync(
      fileOf(),
      `connectors:\n  - id: hand\n    kind: webhook\n    token: ${TOKEN}\n    perMinute: lots\n`,
    );
    let listed: ConnectorsView | null = null;
    await eventually('the problem reported', async () => {
      const v = await call(admin, 'connector.list', {});
      if (v.ok && (v.problems as unknown[]).length > 0) listed = v as unknown as ConnectorsView;
      return listed !== null;
    });
    expect((listed as unknown as ConnectorsView).problems[0]).toMatchObject({
      line: 5,
      message: expect.stringMatching(/^connectors\.0\.perMinute: /),
    });
    expect(await postTo('/ingest/hand', TOKEN)).toBe(200);
    writeFileSync(fileOf(), 'connectors: []\n');
    await eventually(
      'the connector gone',
      async () => (await postTo('/ingest/hand', TOKEN)) === 404,
    );
  });
});
