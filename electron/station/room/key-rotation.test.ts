import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StationCore } from '../core/core';
import { dataPaths } from '../core/data-dir';
import { certFingerprint } from '../core/tls-identity';
import { allOps, opsOfOrigin } from '../db/queries/ops';
import { memberIdentities } from '../db/queries/revocations';
import { createWarRoom } from './war-room';
import { rotateStationKey } from './key-rotation';
import { BatchRefused } from '../sync/peer-batch';
import { opIdOf } from '../ops/op-id';
import { generateStationKey, signOpId } from '../ops/station-key';
import { verifyChain } from '../ops/verify-chain';
import type { Op } from '../ops/op';
import { ingestDraft } from '../test-support/scenario';
import { holdline } from '../test-support/station-process';
import { tempDir } from '../test-support/temp-dir';

const cleanups: (() => void)[] = [];
const open = new Set<StationCore>();
afterEach(async () => {
  for (const c of open) await c.close();
  open.clear();
  while (cleanups.length) cleanups.pop()?.();
});

async function openAt(dir: string): Promise<StationCore> {
  const core = await StationCore.open(dir);
  open.add(core);
  return core;
}

async function closeCore(core: StationCore): Promise<void> {
  open.delete(core);
  await core.close();
}

/** A room on A with B admitted; both hold each other's ops. */
async function room() {
  const t = tempDir();
  cleanups.push(t.cleanup);
  const [dirA, dirB] = [path.join(t.dir, 'a'), path.join(t.dir, 'b')];
  const a = await openAt(dirA);
  let b = await openAt(dirB);
  const { adminId } = await createWarRoom(a, {
    warRoom: 'Rotation',
    username: 'lead',
    displayName: 'Lea',
    password: 'correct horse',
  });
  await a.commit([
    {
      type: 'station.admit',
      v: 1,
      actor: adminId,
      subject: b.stationId,
      payload: {
        stationId: b.stationId,
        publicKey: b.key.publicKeyPem,
        name: 'desk B',
        tlsCert: b.tls.cert,
      },
    },
  ]);
  await b.applyReplicated(await allOps(a.db));
  await b.commit([ingestDraft(adminId, 't1', 'before the rotation')]);
  await a.applyFromPeer(await opsOfOrigin(b.db, b.stationId));
  const reopenB = async () => {
    await closeCore(b);
    b = await openAt(dirB);
    return b;
  };
  return { a, b: () => b, reopenB, dirB, adminId };
}

describe('key rotation', () => {
  it('finishes a rotation a crash cut short after its commit, and undoes one that never committed', async () => {
    const { b, reopenB, dirB, adminId } = await room();
    const stationId = b().stationId;
    const oldKey = b().key.publicKeyPem;
    // Never committed: only new files are there, and they go.
    writeFileSync(dataPaths(dirB).key + '.next', generateStationKey().privateKeyPem);
    const reopened = await reopenB();
    expect(reopened.key.publicKeyPem).toBe(oldKey);
    expect(existsSync(dataPaths(dirB).key + '.next')).toBe(false);
    await expect(
      rotateStationKey(reopened, adminId, {
        beforeRename: () => {
          throw new Error('crash');
        },
      }),
    ).rejects.toThrow('crash');
    // Committed, then the station died before renaming: the next start puts the new key in place.
    const after = await reopenB();
    expect(after.stationId).toBe(stationId);
    expect(after.key.publicKeyPem).not.toBe(oldKey);
    for (const f of [dataPaths(dirB).key, dataPaths(dirB).tlsKey, dataPaths(dirB).tlsCert])
      expect(existsSync(f + '.next')).toBe(false);
    const rotation = (await opsOfOrigin(after.db, stationId)).find(
      (o) => o.type === 'station.rotate-key',
    );
    expect((rotation?.payload as { publicKey: string }).publicKey).toBe(after.key.publicKeyPem);
    expect((rotation?.payload as { tlsCert: string }).tlsCert).toBe(after.tls.cert);
  });

  it('keeps the chain whole across a rotation, and refuses an op signed by the old key after it', async () => {
    const { a, b, reopenB, dirB, adminId } = await room();
    const before = b();
    const oldKey = before.key;
    const stationId = before.stationId;
    const oldFingerprint = before.tls.fingerprint;
    const r = await rotateStationKey(before, adminId);
    // The new files replaced the old ones; nothing is left half-done.
    expect(existsSync(dataPaths(dirB).key + '.next')).toBe(false);
    expect(readFileSync(dataPaths(dirB).key, 'utf8')).toMatch(/^holdline-station-id: st-/);

    const after = await reopenB();
    expect(after.stationId).toBe(stationId);
    expect(after.key.publicKeyPem).not.toBe(oldKey.publicKeyPem);
    expect(after.tls.fingerprint).toBe(r.tlsFingerprint);
    expect(r.tlsFingerprint).not.toBe(oldFingerprint);
    await after.commit([ingestDraft(adminId, 't2', 'after the rotation')]);

    // An op at B's next place signed with the old key (a thief who kept the old key file).
    const chain = await opsOfOrigin(after.db, stationId);
    const rotation = chain.find((o) => o.type === 'station.rotate-key') as Op;
    const real = chain.at(-1) as Op;
    const forged = { ...real };
    forged.id = opIdOf(forged);
    forged.sig = signOpId(oldKey, forged.id);
    const upToRotation = chain.filter((o) => o.seq <= rotation.seq);
    await a.applyFromPeer(upToRotation);
    await expect(a.applyFromPeer([forged])).rejects.toThrow(BatchRefused);
    await expect(a.applyFromPeer([forged])).rejects.toThrow(/bad signature/);
    // The real op, signed by the new key, goes in; A pins B's new certificate.
    const applied = await a.applyFromPeer([real]);
    expect(applied.applied.ops.map((o) => o.id)).toEqual([real.id]);
    const pinned = (await memberIdentities(a.db)).find((m) => m.id === stationId);
    expect(pinned?.tlsCert && certFingerprint(pinned.tlsCert)).toBe(r.tlsFingerprint);

    // verifyChain from the admission key follows the rotation, on both stations.
    for (const s of [a, after])
      expect(verifyChain(await opsOfOrigin(s.db, stationId), oldKey.publicKeyPem)).toEqual([]);
    // …and refuses the old key's signature past the rotation.
    const tampered = [...upToRotation, forged];
    expect(verifyChain(tampered, oldKey.publicKeyPem).map((p) => p.reason)).toContain(
      'bad signature',
    );

    // holdline verify on both stopped folders: every chain verifies, digests equal.
    await closeCore(after);
    await closeCore(a);
    const verdicts = [a.dataDir, dirB].map((d) => {
      const run = holdline('verify', '--data', d);
      expect(run.code, run.stdout + run.stderr).toBe(0);
      return JSON.parse(run.stdout) as { ok: boolean; digest: string };
    });
    expect(verdicts.map((v) => v.ok)).toEqual([true, true]);
    expect(verdicts[0]?.digest).toBe(verdicts[1]?.digest);
    // A ledger export of B's folder carries the rotation whole and verifies end to end.
    const file = path.join(path.dirname(dirB), 'ledger.jsonl');
    const exported = holdline('ledger', 'export', '--data', dirB, '--out', file);
    expect(exported.code, exported.stderr).toBe(0);
    const checked = holdline('ledger', 'verify', file);
    expect(checked.code, checked.stdout + checked.stderr).toBe(0);
  }, 60_000);
});
