import { describe, expect, it } from 'vitest';
import { testCores } from '../test-support/test-cores';
import path from 'node:path';
import { StationCore } from '../core/core';
import { stateDigest } from '../db/digest';
import { allOps } from '../db/queries/ops';
import { countMentions, mentionById } from '../db/queries/mention-reads';
import { createWarRoom } from '../room/war-room';
import { saveBootstrap } from '../room/join';
import { getRoom } from '../db/queries/people';
import { startStation, type RunningStation } from '../station';
import { ingestDraft, stateDraft } from '../test-support/scenario';
import { tempDir } from '../test-support/temp-dir';
import { call, connectDesk, loginToken } from '../test-support/station-client';
import type { PresenceEntry } from '../../../shared/contract/presence';

const { cleanups } = testCores();

function folder(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return path.join(t.dir, 'station');
}

async function run(dataDir: string, peers: string[] = []): Promise<RunningStation> {
  const s = await startStation({ dataDir, port: 0, discovery: false, rendererDir: null, peers });
  cleanups.push(() => s.close());
  return s;
}

/** A station id for a fresh folder (its key is made on first open). */
async function stationIdOf(dataDir: string): Promise<string> {
  const core = await StationCore.open(dataDir);
  const id = core.stationId;
  const key = core.key.publicKeyPem;
  await core.close();
  return JSON.stringify({ id, key });
}

/**
 * A room on A with B admitted; B's folder holds A's log, as joining leaves it. (Joining over the
 * network is its own test.)
 */
async function roomOfTwo() {
  const dirA = folder();
  const dirB = folder();
  const a = await run(dirA);
  const { adminId } = await createWarRoom(a.core, {
    warRoom: 'Storm week',
    username: 'lead',
    displayName: 'Lea',
    password: 'correct horse',
  });
  const b = JSON.parse(await stationIdOf(dirB)) as { id: string; key: string };
  await a.core.commit([
    {
      type: 'station.admit',
      v: 1,
      actor: adminId,
      subject: b.id,
      payload: { stationId: b.id, publicKey: b.key, name: 'desk 2' },
    },
  ]);
  const seed = await StationCore.open(dirB);
  await seed.applyReplicated(await allOps(a.core.db));
  await seed.close();
  return { a, dirB, adminId, address: `127.0.0.1:${a.port}` };
}

async function converged(x: StationCore, y: StationCore, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const [dx, dy] = [await stateDigest(x.db), await stateDigest(y.db)];
    const [ox, oy] = [(await allOps(x.db)).length, (await allOps(y.db)).length];
    if (dx === dy && ox === oy) return;
    if (Date.now() > until) throw new Error(`no convergence: ${ox} vs ${oy} ops`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('peer links over socket.io', () => {
  it('carry a mention from one station to the other and a claim back', async () => {
    const { a, dirB, adminId, address } = await roomOfTwo();
    const b = await run(dirB, [address]);
    await a.core.commit([ingestDraft(adminId, 't1', 'my bag is lost')]);
    await converged(a.core, b.core);
    expect((await mentionById(b.core.db, 'twitter:t1'))?.text).toBe('my bag is lost');

    await b.core.commit([
      stateDraft('mention.claim', adminId, 't1', { basis: null, leaseMs: 60_000 }),
    ]);
    await converged(a.core, b.core);
    expect((await mentionById(a.core.db, 'twitter:t1'))?.claim?.operatorId).toBe(adminId);
    expect(b.server.peers.peers()).toEqual([
      expect.objectContaining({ direction: 'out', connected: true, refused: null }),
    ]);
  });

  it('converge after a station worked alone, with nothing lost on either side', async () => {
    const { a, dirB, adminId, address } = await roomOfTwo();
    let b = await run(dirB, [address]);
    await a.core.commit([ingestDraft(adminId, 't1', 'first')]);
    await converged(a.core, b.core);
    await b.close();

    // Apart: both keep working.
    for (let i = 0; i < 20; i++) await a.core.commit([ingestDraft(adminId, `a${i}`, `on A ${i}`)]);
    const alone = await StationCore.open(dirB);
    await alone.commit([
      ingestDraft(adminId, 'b1', 'logged on B while offline'),
      stateDraft('mention.claim', adminId, 't1', { basis: null, leaseMs: 60_000 }),
    ]);
    await alone.close();

    b = await run(dirB, [address]);
    await converged(a.core, b.core);
    expect(await countMentions(a.core.db)).toBe(22);
    expect((await mentionById(a.core.db, 'twitter:b1'))?.text).toBe('logged on B while offline');
  });

  it('refuse a station that is not a member, and keep serving the members', async () => {
    const { a, dirB, adminId, address } = await roomOfTwo();
    const logs: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => logs.push(args.join(' '));
    cleanups.push(() => {
      console.error = original;
    });
    // A stranger with its own room dials A.
    const stranger = await run(folder());
    await createWarRoom(stranger.core, {
      warRoom: 'Elsewhere',
      username: 'x',
      displayName: 'X',
      password: 'another password',
    });
    await stranger.server.peers.dial(address);
    const until = Date.now() + 5_000;
    while (!stranger.server.peers.peers()[0]?.refused && Date.now() < until)
      await new Promise((r) => setTimeout(r, 50));
    // The stranger pins only its own room's certificates: the TLS handshake already fails.
    expect(stranger.server.peers.peers()[0]?.refused).toMatch(/TLS certificate is not pinned/);
    expect(logs.join('\n')).toMatch(
      /\[peer\] 127\.0\.0\.1:\d+: refused: the peer's TLS certificate/,
    );

    // A station that trusts A's certificate but was never admitted gets past TLS, not the handshake.
    const dirC = folder();
    const seedC = await StationCore.open(dirC);
    await saveBootstrap(seedC.db, {
      roomId: (await getRoom(a.core.db))?.id as string,
      members: [
        { stationId: a.stationId, publicKey: a.core.key.publicKeyPem, tlsCert: a.core.tls.cert },
      ],
    });
    await seedC.close();
    const uninvited = await run(dirC);
    await uninvited.server.peers.dial(address);
    const untilC = Date.now() + 5_000;
    while (!uninvited.server.peers.peers()[0]?.refused && Date.now() < untilC)
      await new Promise((r) => setTimeout(r, 50));
    expect(uninvited.server.peers.peers()[0]?.refused).toMatch(/not an admitted member/);
    expect(logs.join('\n')).toMatch(/\[peer\] refused a connection from .*not an admitted member/);

    const b = await run(dirB, [address]);
    await a.core.commit([ingestDraft(adminId, 't1', 'still syncing')]);
    await converged(a.core, b.core);
    expect(await countMentions(stranger.core.db)).toBe(0);
  });

  it('show on every desk who is on a mention at another station, and drop them when they leave', async () => {
    const { a, dirB, adminId, address } = await roomOfTwo();
    const b = await run(dirB, [address]);
    await a.core.commit([ingestDraft(adminId, 't1', 'my bag is lost')]);
    await converged(a.core, b.core);
    const onA = await connectDesk(a.url, await loginToken(a.url, 'lead', 'correct horse'));
    const onB = await connectDesk(b.url, await loginToken(b.url, 'lead', 'correct horse'));
    cleanups.push(() => void onB.close());
    const seenOnB: PresenceEntry[][] = [];
    onB.on('presence.changed', (entries) => seenOnB.push(entries));

    expect(await call(onA, 'presence.set', { mentionId: 'twitter:t1', mode: 'writing' })).toEqual({
      ok: true,
    });
    await waitFor(() => seenOnB.at(-1)?.length === 1);
    expect(seenOnB.at(-1)).toEqual([
      {
        operatorId: adminId,
        operatorName: 'Lea',
        mentionId: 'twitter:t1',
        mode: 'writing',
        stationId: a.stationId,
      },
    ]);
    expect(
      await call(onA, 'presence.set', { mentionId: '<script>', mode: 'dancing' }),
    ).toMatchObject({
      ok: false,
      code: 'invalid',
    });

    onA.close();
    await waitFor(() => seenOnB.at(-1)?.length === 0);
  });
});

async function waitFor(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
