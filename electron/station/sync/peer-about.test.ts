import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { testCores } from '../test-support/test-cores';
import { StationCore } from '../core/core';
import { allOps } from '../db/queries/ops';
import { createWarRoom } from '../room/war-room';
import { startStation, type RunningStation } from '../station';
import { ingestDraft } from '../test-support/scenario';
import { tempDir } from '../test-support/temp-dir';
import { eventually } from '../test-support/station-process';
import { syncStatusOf } from '../desk/sync';
import { CATALOGUE_VERSION, OP_KEYS } from '../ops/op-catalogue';
import { peerAppOf } from './peer-app';
import { APP_VERSION } from '../core/build-info';
import type { Health } from '../../../shared/contract/http';

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

/** A room on A with B admitted and seeded with A's log (as joining leaves it), B linked to A. */
async function roomOfTwo() {
  const dirB = folder();
  const a = await run(folder());
  const { adminId } = await createWarRoom(a.core, {
    warRoom: 'Storm week',
    username: 'lead',
    displayName: 'Lea',
    password: 'correct horse',
  });
  const seed = await StationCore.open(dirB);
  const bId = seed.stationId;
  const bKey = seed.key.publicKeyPem;
  await a.core.commit([
    {
      type: 'station.admit',
      v: 1,
      actor: adminId,
      subject: bId,
      payload: { stationId: bId, publicKey: bKey, name: 'desk 2' },
    },
  ]);
  await seed.applyReplicated(await allOps(a.core.db));
  await seed.close();
  const b = await run(dirB, [`127.0.0.1:${a.port}`]);
  return { a, b, adminId };
}

const health = async (s: RunningStation) =>
  (await (await fetch(`http://127.0.0.1:${s.port}/health`)).json()) as Health;

describe('builds over a peer link', () => {
  it('tell each other their app version and op catalogue, and count the ops this build cannot read', async () => {
    const { a, b, adminId } = await roomOfTwo();
    await eventually('B linked to A, both builds heard', async () => {
      const [sa, sb] = [await syncStatusOf(a.core), await syncStatusOf(b.core)];
      return Boolean(sa.peers[0]?.app && sb.peers[0]?.app);
    });
    const own = { app: APP_VERSION, catalogue: CATALOGUE_VERSION, newerOps: [] };
    expect((await syncStatusOf(b.core)).peers[0]?.app).toEqual(own);
    expect((await syncStatusOf(a.core)).peers[0]?.app).toEqual(own);
    expect((await health(b)).unreadOps).toBe(0);

    // What a newer build records: a type this one lacks and a newer version of a known one.
    await a.core.commit([
      ingestDraft(adminId, 't1', 'my bag is lost'),
      { type: 'mention.sparkle', v: 1, actor: adminId, subject: 'twitter:t1', payload: {} },
      { type: 'mention.claim', v: 2, actor: adminId, subject: 'twitter:t1', payload: {} },
    ]);
    await eventually('the ops on B', async () => (await health(b)).ops === (await health(a)).ops);
    for (const s of [a, b]) {
      expect(await health(s)).toMatchObject({ catalogue: CATALOGUE_VERSION, unreadOps: 2 });
      expect((await syncStatusOf(s.core)).own?.unread).toEqual({
        total: 2,
        byOp: { 'mention.sparkle@1': 1, 'mention.claim@2': 1 },
      });
    }
  });

  it('name the op versions a newer peer reads that this build does not', () => {
    const about = { app: '0.2.0', catalogue: 'abc', ops: [...OP_KEYS, 'mention.sparkle@1'] };
    expect(peerAppOf(about)).toEqual({
      app: '0.2.0',
      catalogue: 'abc',
      newerOps: ['mention.sparkle@1'],
    });
    // A build from before peer:about says nothing: shown as unknown, not as the same.
    expect(peerAppOf(null)).toBeNull();
  });
});
