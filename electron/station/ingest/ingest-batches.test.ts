import { describe, expect, it } from 'vitest';
import { testCores } from '../test-support/test-cores';
import { StationCore } from '../core/core';
import { allOps, opsOfOrigin } from '../db/queries/ops';
import { countMentions, mentionById, mentionHistory } from '../db/queries/mention-reads';
import type { Op } from '../ops/op';
import { itemHashOf } from '../ops/payload-hash';
import { verifyChain } from '../ops/verify-chain';
import { tempDir } from '../test-support/temp-dir';
import type { MentionInput } from '../../../shared/domain/mention';
import { BYTES_PER_OP, ITEMS_PER_OP, ingestDrafts, prepareIngestItem } from './ingest-draft';

const { cleanups } = testCores();

async function freshCore(): Promise<StationCore> {
  const t = tempDir();
  const core = await StationCore.open(t.dir);
  cleanups.push(t.cleanup, () => core.close());
  return core;
}

const tweet = (n: number, text = `delayed again, flight ${n}`): MentionInput => ({
  channel: 'twitter',
  externalId: String(900_000 + n),
  author: { handle: `@flyer${n % 7}` },
  text,
  occurredAt: new Date(Date.UTC(2015, 1, 22, 10, 0, n)).toISOString(),
  metadata: {},
});

const ingestOps = (ops: Op[]) => ops.filter((o) => o.type === 'mention.ingest');
const itemsOf = (op: Op) => (op.payload as { items: unknown[] }).items;

describe('ingest batches', () => {
  it('packs mentions into ops of at most ITEMS_PER_OP, each mention naming its op in its history', async () => {
    const core = await freshCore();
    const n = ITEMS_PER_OP * 2 + 1;
    const prepared = Array.from({ length: n }, (_, i) => prepareIngestItem(tweet(i), i + 2));
    await core.commit(ingestDrafts(prepared, 'op-importer', { connector: 'csv', importId: 'i1' }));

    const ops = ingestOps(await allOps(core.db));
    expect(ops.map((o) => itemsOf(o).length)).toEqual([ITEMS_PER_OP, ITEMS_PER_OP, 1]);
    expect(await countMentions(core.db)).toBe(n);
    expect(verifyChain(await opsOfOrigin(core.db, core.stationId), core.key.publicKeyPem)).toEqual(
      [],
    );

    const last = await mentionById(core.db, `twitter:${900_000 + n - 1}`);
    expect(last?.text).toBe(`delayed again, flight ${n - 1}`);
    const history = await mentionHistory(core.db, `twitter:${900_000 + n - 1}`);
    expect(history[0]).toMatchObject({ type: 'mention.ingest', opId: ops[2]?.id });
  });

  it('gives a mention larger than BYTES_PER_OP an op of its own', async () => {
    const core = await freshCore();
    const long = tweet(2, 'x'.repeat(BYTES_PER_OP + 10));
    const prepared = [tweet(1), long, tweet(3)].map((m) => prepareIngestItem(m));
    await core.commit(ingestDrafts(prepared, 'op-importer', { connector: 'jsonl' }));
    const ops = ingestOps(await allOps(core.db));
    expect(ops.map((o) => itemsOf(o).length)).toEqual([1, 1, 1]);
    expect((await mentionById(core.db, 'twitter:900002'))?.text.length).toBe(BYTES_PER_OP + 10);
  });

  it('keeps the first copy when one batch carries the same mention twice', async () => {
    const core = await freshCore();
    const prepared = [tweet(1, 'first words'), tweet(1, 'edited later')].map((m) =>
      prepareIngestItem(m),
    );
    const applied = await core.commit(ingestDrafts(prepared, 'op-importer', { connector: 'csv' }));
    expect(applied).toMatchObject({ ingested: 2, newMentions: 1 });
    expect(await mentionById(core.db, 'twitter:900001')).toMatchObject({
      text: 'first words',
      duplicates: 1,
    });
  });

  it('still verifies after one mention is erased from a batch, and derives only the others', async () => {
    const a = await freshCore();
    const prepared = [1, 2, 3].map((i) => prepareIngestItem(tweet(i)));
    await a.commit(ingestDrafts(prepared, 'op-importer', { connector: 'csv' }));
    const ops = await allOps(a.db);
    const victim = ingestOps(ops)[0] as Op;
    const items = itemsOf(victim);
    const erased: Op = {
      ...victim,
      payload: {
        ...(victim.payload as object),
        items: [{ erased: itemHashOf(items[0]) }, ...items.slice(1)],
      },
    };
    expect(verifyChain([erased], a.key.publicKeyPem)).toEqual([]);

    const b = await freshCore();
    await b.applyReplicated(ops.map((o) => (o.id === victim.id ? erased : o)));
    expect(await mentionById(b.db, 'twitter:900001')).toBeUndefined();
    expect(await countMentions(b.db)).toBe(2);

    // Erasing is not editing: a changed item no longer matches the signed hash.
    const edited: Op = {
      ...victim,
      payload: {
        ...(victim.payload as object),
        items: [{ ...(items[0] as object), mention: tweet(1, 'forged') }, ...items.slice(1)],
      },
    };
    expect(verifyChain([edited], a.key.publicKeyPem)).toEqual([
      expect.objectContaining({ reason: 'payload does not match its hash' }),
    ]);
  });
});
