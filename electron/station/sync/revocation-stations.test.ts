import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  call,
  connectDesk,
  loginToken,
  postJson,
  type DeskClient,
} from '../test-support/station-client';
import {
  eventually,
  holdline,
  startStationProcess,
  type StationProcess,
} from '../test-support/station-process';
import { tempDir } from '../test-support/temp-dir';

// Four stations as real processes on 127.0.0.1 (TLS between them): A made the room; B, C and the
// laptop R joined through A. B, C and R keep a link to A, R one to B too. R is lost: C revokes it
// while C is cut off, R's thief meanwhile works on A and B, then C comes back.
let dir: string;
let cleanup: () => void;
const running = new Map<string, StationProcess>();
const PASSWORD = 'a-long-password';
const at = (name: string) => running.get(name) as StationProcess;
const folder = (name: string) => path.join(dir, name);
const desks: DeskClient[] = [];
let joinCode = '';

async function start(name: string, peers: string[] = []): Promise<StationProcess> {
  const s = await startStationProcess(
    folder(name),
    peers.flatMap((p) => ['--peer', at(p).address]),
  );
  running.set(name, s);
  return s;
}

async function stop(name: string): Promise<void> {
  await at(name).stop();
  running.delete(name);
}

async function desk(name: string, user = 'lead', password = PASSWORD): Promise<DeskClient> {
  const d = await connectDesk(at(name).url, await loginToken(at(name).url, user, password));
  desks.push(d);
  return d;
}

const idOf = async (name: string) =>
  ((await (await fetch(new URL('/health', at(name).url))).json()) as { stationId: string })
    .stationId;

async function usernames(d: DeskClient): Promise<string[]> {
  const r = await call(d, 'operator.list', {});
  return ((r.ok ? r.operators : []) as { username: string }[]).map((o) => o.username);
}

async function mention(d: DeskClient, id: string) {
  const r = await call(d, 'mention.get', { mentionId: id });
  return r.ok
    ? (r.mention as { status: string; claim: { operatorId?: string } | null })
    : undefined;
}

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('holdline-revoke-'));
  writeFileSync(path.join(dir, 'pw'), `${PASSWORD}\n`);
  const init = holdline(
    'init',
    '--data',
    folder('a'),
    '--war-room',
    'Lost laptop',
    '--admin',
    'lead',
    '--password-file',
    path.join(dir, 'pw'),
  );
  expect(init.code, init.stderr).toBe(0);
  ({ joinCode } = JSON.parse(init.stdout) as { joinCode: string });
  await start('a');
  for (const name of ['b', 'c', 'r']) {
    const r = holdline(
      'join',
      '--data',
      folder(name),
      '--peer',
      at('a').address,
      '--code',
      joinCode,
      '--name',
      `desk ${name}`,
    );
    expect(r.code, r.stderr).toBe(0);
  }
  await start('b', ['a']);
  await start('c', ['a']);
  await start('r', ['a', 'b']);
}, 180_000);

afterAll(async () => {
  for (const d of desks) d.close();
  for (const name of [...running.keys()]) await stop(name);
  cleanup?.();
});

describe('revocation across four stations', () => {
  it('voids a revoked station’s later ops on the three others and refuses its links', async () => {
    const onR = await desk('r');
    const made = await call(onR, 'mention.create', {
      channel: 'phone',
      author: { handle: 'caller-1', name: 'Ana' },
      text: 'My flight was cancelled',
    });
    expect(made.ok, JSON.stringify(made)).toBe(true);
    const m1 = (made as unknown as { mention: { id: string } }).mention.id;
    const onC = await desk('c');
    await eventually('R’s mention on C', async () => (await mention(onC, m1)) !== undefined);
    onC.close();

    // C is cut off (restarted without peers) and revokes the laptop at what it holds of it.
    await stop('c');
    await start('c');
    const idR = await idOf('r');
    const revoked = await call(await desk('c'), 'station.revoke', {
      stationId: idR,
      reason: 'laptop lost on the train',
    });
    expect(revoked, JSON.stringify(revoked)).toMatchObject({
      ok: true,
      station: { id: idR, revoked: { point: expect.any(Number), byName: 'lead' } },
    });

    // Meanwhile the thief works on R: an admin account, a claim and an answer reach A and B.
    expect(
      await call(onR, 'operator.create', {
        username: 'mallory',
        displayName: 'Mallory',
        password: 'mallory-password',
        role: 'admin',
      }),
    ).toMatchObject({ ok: true });
    expect(await call(onR, 'mention.claim', { mentionId: m1, basis: null })).toMatchObject({
      ok: true,
    });
    expect(await call(onR, 'mention.answer', { mentionId: m1 })).toMatchObject({ ok: true });
    const [onA, onB] = [await desk('a'), await desk('b')];
    for (const d of [onA, onB])
      await eventually('the thief’s work on A and B', async () => {
        const m = await mention(d, m1);
        return (await usernames(d)).includes('mallory') && m?.status === 'answered';
      });

    // C comes back: its revocation reaches A and B, and the thief's ops there lose their effect.
    await stop('c');
    await start('c', ['a', 'b']);
    const onC2 = await desk('c');
    for (const d of [onA, onB, onC2])
      await eventually('the thief’s work undone', async () => {
        const m = await mention(d, m1);
        return !(await usernames(d)).includes('mallory') && m?.status === 'open' && !m.claim;
      });
    // A and B drop R's links and say so; when R dials again, its handshake is refused.
    for (const name of ['a', 'b'])
      await eventually(`${name} to drop the revoked station's link`, async () =>
        new RegExp(`station ${idR} was revoked: dropped its link`).test(at(name).stderr()),
      );
    onR.close();
    await stop('r');
    await start('r', ['a', 'b']);
    const onR2 = await desk('r');
    for (const name of ['a', 'b'])
      await eventually(`${name} to refuse the revoked station's handshake`, async () =>
        new RegExp(`refused a connection from .*: station ${idR} was revoked`).test(
          at(name).stderr(),
        ),
      );

    // The thief keeps going on R: nothing of it reaches anyone now.
    await call(onR2, 'operator.create', {
      username: 'mallory2',
      displayName: 'Mallory 2',
      password: 'mallory-password',
      role: 'admin',
    });
    await new Promise((r) => setTimeout(r, 2_000));
    for (const d of [onA, onB, onC2]) expect(await usernames(d)).not.toContain('mallory2');
    const status = await call(onA, 'sync.status', {});
    const links = (status.ok ? status.peers : []) as {
      stationId: string | null;
      connected: boolean;
    }[];
    expect(links.some((l) => l.stationId === idR && l.connected)).toBe(false);
    // The peers panel says why.
    expect(links).toContainEqual(
      expect.objectContaining({
        stationId: idR,
        connected: false,
        refused: expect.stringMatching(/^revoked/),
      }),
    );
    // The mallory login is refused everywhere (the account never counted).
    for (const name of ['a', 'b', 'c'])
      expect(
        (
          await postJson(at(name).url, '/api/login', {
            username: 'mallory',
            password: 'mallory-password',
          })
        ).status,
      ).not.toBe(200);
  }, 120_000);

  it('logs a revoked operator out of every desk within seconds, and refuses the login after', async () => {
    const onA = await desk('a');
    const created = await call(onA, 'operator.create', {
      username: 'olga',
      displayName: 'Olga',
      password: 'olga-password',
      role: 'operator',
    });
    expect(created.ok, JSON.stringify(created)).toBe(true);
    const olgaId = (created as unknown as { operator: { id: string } }).operator.id;
    const olga: DeskClient[] = [];
    for (const name of ['a', 'b', 'c'])
      await eventually(`olga to log in on ${name}`, async () => {
        try {
          olga.push(await desk(name, 'olga', 'olga-password'));
          return true;
        } catch {
          return false;
        }
      });
    // She holds a mention on B.
    const made = await call(olga[1] as DeskClient, 'mention.create', {
      channel: 'email',
      author: { handle: 'bo@example.com' },
      text: 'Refund please',
    });
    const m2 = (made as unknown as { mention: { id: string } }).mention.id;
    expect(
      await call(olga[1] as DeskClient, 'mention.claim', { mentionId: m2, basis: null }),
    ).toMatchObject({ ok: true });
    await eventually(
      'her claim on A',
      async () => (await mention(onA, m2))?.claim?.operatorId === olgaId,
    );

    const gone = olga.map(
      (d) => new Promise<number>((resolve) => d.once('disconnect', () => resolve(Date.now()))),
    );
    const t0 = Date.now();
    const revoked = await call(onA, 'operator.revoke', {
      operatorId: olgaId,
      reason: 'left the company',
    });
    expect(revoked).toMatchObject({
      ok: true,
      releasedClaims: 1,
      operator: {
        username: 'olga',
        disabled: true,
        sessions: 0,
        revoked: { byName: 'lead', reason: 'left the company' },
      },
    });
    const times = await Promise.all(gone);
    const slowest = Math.max(...times) - t0;
    console.log(`[revoke] olga's desks on A, B, C disconnected within ${slowest} ms`);
    expect(slowest).toBeLessThan(5_000);
    for (const name of ['a', 'b', 'c']) {
      const r = await postJson(at(name).url, '/api/login', {
        username: 'olga',
        password: 'olga-password',
      });
      expect(r.status).not.toBe(200);
    }
    const onB = await desk('b');
    await eventually(
      'her mention back in the queue on B',
      async () => (await mention(onB, m2))?.claim === null,
    );
    // Her past work stays hers.
    const detail = await call(onB, 'mention.get', { mentionId: m2 });
    expect(JSON.stringify(detail)).toContain('Olga');
  }, 90_000);

  it('follows a station’s key rotation: peers pin its new certificate and keep syncing', async () => {
    await stop('b');
    const rotated = holdline('rotate-key', '--data', folder('b'), '--user', 'lead');
    expect(rotated.code, rotated.stderr).toBe(0);
    const r = JSON.parse(rotated.stdout) as { tlsFingerprint: string; seq: number };
    await start('b', ['a']);
    // A new station joins through B: B's answer names its new certificate, and B's chain checks
    // from its admission key through the rotation.
    const joined = holdline(
      'join',
      '--data',
      folder('d'),
      '--peer',
      at('b').address,
      '--code',
      joinCode,
      '--name',
      'desk d',
    );
    expect(joined.code, joined.stderr).toBe(0);
    // C dials B by address: at first B's new certificate is pinned nowhere; once the rotation
    // reaches C through A, C pins it and connects.
    await stop('c');
    await start('c', ['a', 'b']);
    const onC = await desk('c');
    await eventually(
      'C linked to B over its new certificate',
      async () => {
        const s = await call(onC, 'sync.status', {});
        const peers = (s.ok ? s.peers : []) as { address: string | null; connected: boolean }[];
        return peers.some((p) => p.address === at('b').address && p.connected);
      },
      30_000,
    );
    const onB = await desk('b');
    const made = await call(onB, 'mention.create', {
      channel: 'phone',
      author: { handle: 'caller-9' },
      text: 'After the rotation',
    });
    const id = (made as unknown as { mention: { id: string } }).mention.id;
    const onA = await desk('a');
    for (const d of [onA, onC])
      await eventually('B’s new op on A and C', async () => (await mention(d, id)) !== undefined);
    const list = await call(onA, 'station.list', {});
    const views = (list.ok ? list.stations : []) as {
      name: string;
      tlsFingerprint: string;
      rotated: { count: number } | null;
    }[];
    expect(views.find((v) => v.name === 'desk b')).toMatchObject({
      tlsFingerprint: r.tlsFingerprint,
      rotated: { count: 1 },
    });

    // A rotates its key while it runs (the desk command): its next ops are signed with the new
    // key, and C, restarted, dials A over A's new certificate.
    const before = (views as { self?: boolean; tlsFingerprint: string }[]).find((v) => v.self);
    const live = await call(onA, 'station.rotateKey', {});
    expect(live, JSON.stringify(live)).toMatchObject({ ok: true, station: { self: true } });
    const liveFingerprint = (live as unknown as { station: { tlsFingerprint: string } }).station
      .tlsFingerprint;
    expect(before?.tlsFingerprint).toBeTruthy();
    expect(liveFingerprint).not.toBe(before?.tlsFingerprint);
    const afterRotation = await call(onA, 'mention.create', {
      channel: 'phone',
      author: { handle: 'caller-10' },
      text: 'After the live rotation',
    });
    const id2 = (afterRotation as unknown as { mention: { id: string } }).mention.id;
    await eventually(
      'A’s op after its rotation on B',
      async () => (await mention(onB, id2)) !== undefined,
    );
    await stop('c');
    await start('c', ['a']);
    const onC3 = await desk('c');
    await eventually(
      'C linked to A over its new certificate',
      async () => {
        const st = await call(onC3, 'sync.status', {});
        const peers = (st.ok ? st.peers : []) as { address: string | null; connected: boolean }[];
        return peers.some((p) => p.address === at('a').address && p.connected);
      },
      30_000,
    );
    await eventually(
      'A’s op after its rotation on C',
      async () => (await mention(onC3, id2)) !== undefined,
    );

    // Stopped, every station's chains verify across the revocation and the rotation, and the
    // three honest stations hold the same state.
    for (const d of desks) d.close();
    for (const name of ['a', 'b', 'c', 'r']) if (running.has(name)) await stop(name);
    const digests = ['a', 'b', 'c'].map((name) => {
      const v = holdline('verify', '--data', folder(name));
      expect(v.code, v.stdout).toBe(0);
      return (JSON.parse(v.stdout) as { digest: string }).digest;
    });
    expect(new Set(digests).size).toBe(1);
  }, 120_000);
});
