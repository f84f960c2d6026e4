import { describe, expect, it } from 'vitest';
import { testCores } from '../test-support/test-cores';
import fc from 'fast-check';
import { StationCore } from '../core/core';
import { stateDigest } from '../db/digest';
import { allOps, countOps, opsOfOrigin } from '../db/queries/ops';
import { listStations } from '../db/queries/people';
import { tempDir } from '../test-support/temp-dir';
import { twoStationScenario } from '../test-support/scenario';
import { verifyChain } from './verify-chain';

const { cleanups } = testCores();

async function freshCore(): Promise<StationCore> {
  const t = tempDir();
  const core = await StationCore.open(t.dir);
  cleanups.push(t.cleanup, () => core.close());
  return core;
}

async function scenario() {
  const ta = tempDir();
  const tb = tempDir();
  const s = await twoStationScenario(ta.dir, tb.dir);
  cleanups.push(
    ta.cleanup,
    tb.cleanup,
    () => s.a.close(),
    () => s.b.close(),
  );
  return s;
}

describe('op log', () => {
  it('chains each station’s ops and signs them so the chains verify', async () => {
    const { a, b } = await scenario();
    await a.applyReplicated(await allOps(b.db));
    const keys = new Map((await listStations(a.db)).map((s) => [s.id, s.public_key]));
    keys.set(b.stationId, b.key.publicKeyPem);
    for (const origin of [a.stationId, b.stationId]) {
      const chain = await opsOfOrigin(a.db, origin);
      expect(chain.length).toBeGreaterThan(3);
      expect(verifyChain(chain, keys.get(origin) as string)).toEqual([]);
    }
  });

  it('detects an altered payload, header or signature', async () => {
    const { a } = await scenario();
    const chain = await opsOfOrigin(a.db, a.stationId);
    const key = a.key.publicKeyPem;
    const victim = chain.find((o) => o.type === 'mention.ingest');
    if (!victim) throw new Error('scenario has no ingest');
    const edited = chain.map((o) =>
      o.id === victim.id ? { ...o, payload: { ...(o.payload as object), note: 'edited' } } : o,
    );
    expect(verifyChain(edited, key).map((p) => p.reason)).toContain(
      'payload does not match its hash',
    );

    const reordered = chain.map((o) => (o.id === victim.id ? { ...o, actor: 'someone-else' } : o));
    expect(verifyChain(reordered, key).map((p) => p.reason)).toContain(
      'id does not match the op header',
    );

    const signed = chain.filter((o) => o.sig !== null);
    const forged = chain.map((o) =>
      o.id === signed[0]?.id ? { ...o, sig: signed[1]?.sig ?? null } : o,
    );
    expect(verifyChain(forged, key).map((p) => p.reason)).toContain('bad signature');

    const dropped = chain.filter((o) => o.seq !== 3);
    expect(verifyChain(dropped, key).length).toBeGreaterThan(0);
  });

  it('detects an op altered in the database file itself', async () => {
    const { a } = await scenario();
    await a.db.run(
      `UPDATE ops SET payload = replace(payload, 'lost', 'found') WHERE type = 'mention.ingest'`,
    );
    const problems = verifyChain(await opsOfOrigin(a.db, a.stationId), a.key.publicKeyPem);
    expect(problems.some((p) => p.reason === 'payload does not match its hash')).toBe(true);
  });

  it('changes nothing when the same ops are applied twice', async () => {
    const { ops } = await scenario();
    const replica = await freshCore();
    await replica.applyReplicated(ops);
    const digest = await stateDigest(replica.db);
    const count = await countOps(replica.db);
    const again = await replica.applyReplicated(ops);
    expect(again.ops).toHaveLength(0);
    expect(await stateDigest(replica.db)).toBe(digest);
    expect(await countOps(replica.db)).toBe(count);
  });

  it('resolves the concurrent claims deterministically and records the collision', async () => {
    const { ops } = await scenario();
    const replica = await freshCore();
    await replica.applyReplicated(ops);
    const effects = await replica.db.all<{ type: string; effect: string; reason: string | null }>(
      `SELECT o.type, e.effect, e.reason FROM op_effects e JOIN ops o ON o.id = e.op_id WHERE o.type LIKE 'mention.%' ORDER BY o.hlc`,
    );
    expect(effects.filter((e) => e.effect === 'collision').length).toBeGreaterThanOrEqual(1);
    expect(
      effects.some((e) => e.effect === 'refused' && /observer may not claim/.test(e.reason ?? '')),
    ).toBe(true);
    const t2 = await replica.db.get<{ status: string; claim_operator: string | null }>(
      `SELECT status, claim_operator FROM mentions WHERE text LIKE 'flight cancelled%'`,
    );
    expect(t2?.status).toBe('answered');
    const dup = await replica.db.get<{ duplicates: number }>(
      `SELECT duplicates FROM mentions WHERE text LIKE 'my bag%'`,
    );
    expect(dup?.duplicates).toBe(1);
  });

  it('gives the same digest whatever order the ops arrive in (property)', async () => {
    const { ops, a, b } = await scenario();
    await a.applyReplicated(await allOps(b.db));
    const expected = await stateDigest(a.db);
    await fc.assert(
      fc.asyncProperty(
        fc.shuffledSubarray(ops, { minLength: ops.length, maxLength: ops.length }),
        fc.integer({ min: 1, max: 6 }),
        async (order, batch) => {
          const replica = await freshCore();
          for (let i = 0; i < order.length; i += batch)
            await replica.applyReplicated(order.slice(i, i + batch));
          expect(await stateDigest(replica.db)).toBe(expected);
        },
      ),
      { numRuns: 25 },
    );
  });
});
