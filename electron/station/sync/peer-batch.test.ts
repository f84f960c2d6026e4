import { describe, expect, it } from 'vitest';
import { testCores } from '../test-support/test-cores';
import { StationCore } from '../core/core';
import { stateDigest } from '../db/digest';
import { allOps } from '../db/queries/ops';
import { opsToShip, versionVectorOf } from '../db/queries/sync';
import { SIGN_EVERY_BYTES } from '../ops/chain';
import type { Op } from '../ops/op';
import { opIdOf } from '../ops/op-id';
import { generateStationKey, signOpId } from '../ops/station-key';
import { createWarRoom } from '../room/war-room';
import { ingestDraft, stateDraft } from '../test-support/scenario';
import { BatchRefused, MAX_BATCH_OPS, checkPeerBatch } from './peer-batch';

const { open } = testCores();

/** A room on A; B holds A's genesis (as joining will give it) and is admitted by A's admin. */
async function room() {
  const a = await open();
  const b = await open();
  const { adminId } = await createWarRoom(a, {
    warRoom: 'Storm week',
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
      payload: { stationId: b.stationId, publicKey: b.key.publicKeyPem, name: 'desk 2' },
    },
  ]);
  await b.applyReplicated(await allOps(a.db));
  return { a, b, adminId };
}

/** What `from` would ship to `to` of one origin's chain. */
async function shipment(from: StationCore, to: StationCore, origin: string, maxBytes = 512 * 1024) {
  const theirs = await versionVectorOf(to.db, to.stationId);
  return opsToShip(from.db, origin, theirs[origin] ?? 0, maxBytes);
}

const refusal = async (core: StationCore, batch: unknown) => {
  const err = await checkPeerBatch(core.db, batch).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(BatchRefused);
  return (err as Error).message;
};

/** Re-seals an op after a change to its header, so only the signature can give it away. */
const resealed = (op: Op, change: Partial<Op>): Op => {
  const next = { ...op, ...change };
  return { ...next, id: opIdOf(next) };
};

describe('peer batches', () => {
  it('pass a peer’s new ops, and drop the ones already held', async () => {
    const { a, b, adminId } = await room();
    await a.commit([ingestDraft(adminId, 't1', 'bag lost'), ingestDraft(adminId, 't2', 'late')]);
    await a.commit([stateDraft('mention.claim', adminId, 't1', { basis: null, leaseMs: 60_000 })]);
    const batch = await shipment(a, b, a.stationId);
    expect(batch.map((o) => o.type)).toEqual(['mention.ingest', 'mention.ingest', 'mention.claim']);

    const checked = await checkPeerBatch(b.db, JSON.parse(JSON.stringify(batch)));
    expect(checked).toMatchObject({ alreadyHeld: 0 });
    expect(checked.fresh.map((o) => o.id)).toEqual(batch.map((o) => o.id));
    await b.applyReplicated(checked.fresh);
    expect(await stateDigest(b.db)).toBe(await stateDigest(a.db));

    const again = await checkPeerBatch(b.db, batch);
    expect(again).toEqual({ fresh: [], alreadyHeld: 3 });
  });

  it('admit a new station’s ops when its admission comes in the same batch, and not without it', async () => {
    const { a, b, adminId } = await room();
    await b.commit([ingestDraft(adminId, 't9', 'logged at desk 2')]);
    const c = await open();
    const genesis = (await allOps(a.db)).filter((o) => o.seq <= 4); // before B's admission
    await c.applyReplicated(genesis);

    const bOps = await shipment(b, c, b.stationId);
    expect(await refusal(c, bOps)).toMatch(
      new RegExp(`station ${b.stationId} is not an admitted member`),
    );
    const withAdmission = [...bOps, ...(await shipment(a, c, a.stationId))];
    const checked = await checkPeerBatch(c.db, withAdmission);
    expect(checked.fresh).toHaveLength(withAdmission.length);
  });

  it('refuse a forged op, an altered op, a gap, a fork and an unsigned tail, naming each', async () => {
    const { a, b, adminId } = await room();
    await a.commit([ingestDraft(adminId, 't1', 'bag lost'), ingestDraft(adminId, 't2', 'late')]);
    const batch = await shipment(a, b, a.stationId);
    const [first, second] = batch as [Op, Op];

    const outsider = generateStationKey().key;
    const forged = resealed(second, { actor: 'u-somebody-else' });
    forged.sig = signOpId(outsider, forged.id);
    expect(await refusal(b, [first, forged])).toMatch(/bad signature \(forged\)/);

    const altered = {
      ...second,
      payload: JSON.parse(JSON.stringify(second.payload).replace('late', 'on time')),
    };
    expect(await refusal(b, [first, altered])).toMatch(/payload does not match its hash/);

    expect(await refusal(b, [second])).toMatch(/gap: seq \d+ arrived after \d+/);
    expect(await refusal(b, [first])).toMatch(/not signed/);

    await b.applyReplicated(batch);
    const fork = resealed(first, { hlc: second.hlc });
    fork.sig = signOpId(a.key, fork.id);
    expect(await refusal(b, [fork])).toMatch(/two different ops at seq/);
    // The station that refused is unharmed and still takes good ops.
    await a.commit([ingestDraft(adminId, 't3', 'still here')]);
    expect((await checkPeerBatch(b.db, await shipment(a, b, a.stationId))).fresh).toHaveLength(1);
  });

  it('refuse malformed ops and payloads and oversized batches before reading them', async () => {
    const { a, b, adminId } = await room();
    await a.commit([stateDraft('mention.claim', adminId, 't1', { basis: null, leaseMs: 60_000 })]);
    const [claim] = (await shipment(a, b, a.stationId)) as [Op];
    expect(await refusal(b, { ops: [] })).toMatch(/must be a list/);
    expect(await refusal(b, [{ ...claim, seq: -1 }])).toMatch(/op 0 is malformed/);
    expect(await refusal(b, [{ ...claim, hlc: '<script>' }])).toMatch(/malformed/);
    expect(await refusal(b, [{ ...claim, payload: { basis: null, leaseMs: 'forever' } }])).toMatch(
      /mention.claim v1\) has a malformed payload/,
    );
    expect(
      await refusal(
        b,
        Array.from({ length: MAX_BATCH_OPS + 1 }, () => claim),
      ),
    ).toMatch(/over the limit/);
    const huge = { ...claim, type: 'note.add', payload: { text: 'x'.repeat(1_000_000) } };
    expect(await refusal(b, [huge])).toMatch(/payload bytes is over the limit/);
  });

  it('ship chains in pieces that end at a signature, even from one large import', async () => {
    const { a, b, adminId } = await room();
    const long = 'the flight was cancelled and nobody answers the phone '.repeat(40);
    const drafts = Array.from({ length: 12 }, (_, i) =>
      ingestDraft(adminId, `big${i}`, `${long} ${i}`),
    );
    // One transaction far over SIGN_EVERY_BYTES: signatures come inside it, not only at its end.
    const many = drafts.flatMap((d, i) =>
      Array.from({ length: 25 }, (_, k) => ({
        ...d,
        payload: JSON.parse(
          JSON.stringify(d.payload).replaceAll(`big${i}`, `big${i}-${k}`),
        ) as unknown,
      })),
    );
    await a.commit(many);
    const signed = (await allOps(a.db)).filter(
      (o) => o.sig !== null && o.type === 'mention.ingest',
    );
    expect(signed.length).toBeGreaterThanOrEqual(3);
    let shipped = 0;
    for (;;) {
      const piece = await shipment(a, b, a.stationId, 128 * 1024);
      if (piece.length === 0) break;
      const bytes = piece.reduce((n, o) => n + JSON.stringify(o.payload).length, 0);
      expect(piece.at(-1)?.sig).not.toBeNull();
      expect(bytes).toBeLessThan(128 * 1024 + SIGN_EVERY_BYTES);
      await b.applyReplicated((await checkPeerBatch(b.db, piece)).fresh);
      shipped += piece.length;
    }
    expect(shipped).toBe(many.length);
    expect(await stateDigest(b.db)).toBe(await stateDigest(a.db));
  });

  it('ship thousands of small ops in pieces a peer takes (count and wire size), from one commit or many', async () => {
    const { a, b, adminId } = await room();
    // Claims of mentions this room does not hold yet (a peer's ingest may follow): small ops.
    let n = 0;
    const claim = () =>
      stateDraft('mention.claim', adminId, `t${(n += 1)}`, { basis: null, leaseMs: 60_000 });
    // One commit of 4,500 small ops (an assignment wave), then 1,500 commits of one each.
    await a.commit(Array.from({ length: 4_500 }, claim));
    for (let i = 0; i < 1_500; i++) await a.commit([claim()]);
    let pieces = 0;
    for (;;) {
      const piece = await shipment(a, b, a.stationId);
      if (piece.length === 0) break;
      pieces += 1;
      expect(piece.length).toBeLessThanOrEqual(MAX_BATCH_OPS);
      expect(JSON.stringify(piece).length).toBeLessThan(1_000_000);
      expect(piece.at(-1)?.sig).not.toBeNull();
      await b.applyReplicated((await checkPeerBatch(b.db, piece)).fresh);
    }
    expect(pieces).toBeGreaterThanOrEqual(4);
    expect(await stateDigest(b.db)).toBe(await stateDigest(a.db));
  }, 60_000);
});
