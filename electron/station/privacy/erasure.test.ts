import { afterEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { StationCore } from '../core/core';
import { allOps, opsOfOrigin, origins } from '../db/queries/ops';
import { stateDigest } from '../db/digest';
import { dataPaths } from '../core/data-dir';
import type { Op, OpDraft } from '../ops/op';
import { verifyChain } from '../ops/verify-chain';
import { createOperator, createWarRoom } from '../room/war-room';
import { tempDir } from '../test-support/temp-dir';
import { scrubFiles, scrubOwed } from './scrub';
import { confirmErasures, listErasures, previewErasure, requestErasure } from './erasure-request';
import { erasureKeyOf } from './erasure-keys';
import { authorIdentifier } from '../../../shared/privacy/erasure-target';
import { listStations } from '../db/queries/people';
import { linkSubjectOf } from '../contacts/link-subject';

const cleanups: (() => void)[] = [];
const cores: StationCore[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close();
  for (const f of cleanups.splice(0)) f();
});

async function open(dir: string): Promise<StationCore> {
  const core = await StationCore.open(dir);
  cores.push(core);
  return core;
}

function tweet(id: string, handle: string, text: string, extra: object = {}) {
  return {
    enrichment: { language: 'en', priority: 50, sentiment: { label: 'negative', score: -1 } },
    mention: {
      author: { handle, ...extra },
      channel: 'twitter',
      externalId: id,
      metadata: {},
      occurredAt: '2015-02-22T10:00:00-08:00',
      text,
    },
  };
}

const ingest = (actor: string, items: object[]): OpDraft => ({
  type: 'mention.ingest',
  v: 2,
  actor,
  subject: null,
  payload: { items, source: { connector: 'csv' } },
});

const draftFor = (actor: string, messageId: string, mentionId: string, text: string): OpDraft => ({
  type: 'message.draft',
  v: 1,
  actor,
  subject: messageId,
  payload: {
    messageId,
    kind: 'reply',
    mentionId,
    language: 'en',
    channel: 'twitter',
    topics: [],
    text,
    contentHash: createHash('sha256').update(text).digest('hex'),
    submit: false,
  },
});

// A room on A with an admin and an operator; victim has two mentions (one sharing an ingest op
// with someone else's), other has one; a reply is drafted to the victim and their handle is
// merged with an email address.
async function scenario() {
  const { dir, cleanup } = tempDir('holdline-erasure-');
  cleanups.push(cleanup);
  const a = await open(path.join(dir, 'a'));
  const room = await createWarRoom(a, {
    warRoom: 'Storm week',
    username: 'lead',
    displayName: 'Lea',
    password: 'correct horse',
  });
  const ana = await createOperator(a, room.adminId, {
    username: 'ana',
    displayName: 'Ana',
    password: 'password1',
    role: 'operator',
    departments: [],
  });
  await a.commit([
    ingest(ana, [
      tweet('1', '@VictimHandle', 'SECRETWORDONE my bag is lost'),
      tweet('2', '@otherauthor', 'flight delayed again'),
    ]),
    ingest(ana, [tweet('3', 'victimhandle', 'SECRETWORDTWO <script>alert(1)</script>')]),
  ]);
  await a.commit([
    draftFor(ana, 'msg-1', 'twitter:1', 'Dear VictimHandle, we are sorry'),
    {
      type: 'contact.merge',
      v: 1,
      actor: ana,
      subject: linkSubjectOf('email:victim@example.com', 'handle:twitter:VictimHandle'),
      payload: {
        a: 'email:victim@example.com',
        b: 'handle:twitter:VictimHandle',
        signal: 'operator',
        evidence: [],
      },
    },
  ]);
  // A claim on the victim's mention, and a review note on that timeline event naming them.
  const claim = await a.commit([
    {
      type: 'mention.claim',
      v: 1,
      actor: ana,
      subject: 'twitter:1',
      payload: { basis: null, leaseMs: 600_000 },
    },
  ]);
  await a.commit([
    {
      type: 'retro.annotate',
      v: 1,
      actor: ana,
      subject: 'review-1',
      payload: {
        annotationId: 'note-1',
        eventId: claim.ops[0]?.id ?? '',
        text: 'VictimHandle called twice',
      },
    },
  ]);
  return { dir, a, room, ana };
}

async function chainsVerify(core: StationCore): Promise<void> {
  const keys = new Map((await listStations(core.db)).map((s) => [s.id, s.public_key]));
  for (const origin of await origins(core.db))
    expect(verifyChain(await opsOfOrigin(core.db, origin), keys.get(origin) ?? '')).toEqual([]);
}

function filesHold(dir: string, needle: string): string[] {
  const db = dataPaths(dir).db;
  return [db, `${db}-wal`, `${db}-shm`].filter(
    (f) => existsSync(f) && readFileSync(f).includes(Buffer.from(needle)),
  );
}

describe('erasure', () => {
  it('erases an author everywhere it applies: log items, mentions, replies, links; chains verify, bytes gone', async () => {
    const { dir, a, room } = await scenario();
    const original = await allOps(a.db);
    const b = await open(path.join(dir, 'b'));
    await b.applyReplicated(original);

    const preview = await previewErasure(a, {
      channel: 'twitter',
      handle: '@victimhandle',
      customer: false,
    });
    expect(preview).toMatchObject({
      mentions: 2,
      identifiers: 3,
      channels: ['twitter'],
      withheld: 1,
    });

    const started = Date.now();
    const id = await requestErasure(a, room.adminId, {
      channel: 'twitter',
      handle: 'VictimHandle',
      customer: false,
      reference: 'DSR-2026-0042',
    });
    const [view] = await listErasures(a);
    expect(view).toMatchObject({
      id,
      requestedBy: 'lead',
      reference: 'DSR-2026-0042',
      effect: 'applied',
      requestedItems: 2,
      here: { items: 2 },
    });
    expect(view?.here.withheld).toBe(3);
    const note = await a.db.get<{ payload: string | null }>(
      `SELECT payload FROM ops WHERE type = 'retro.annotate'`,
    );
    expect(note?.payload).toBeNull();

    const mentions = await a.db.all<{ id: string }>('SELECT id FROM mentions ORDER BY id');
    expect(mentions.map((m) => m.id)).toEqual(['twitter:2']);
    const search = await a.db.all('SELECT rowid FROM mentions_fts WHERE mentions_fts MATCH ?', [
      'secretwordone',
    ]);
    expect(search).toEqual([]);
    await chainsVerify(a);

    // B held the data: the erasure op erases it there too, and both hold the same state.
    await b.applyReplicated(await allOps(a.db));
    expect(await stateDigest(b.db)).toBe(await stateDigest(a.db));
    await chainsVerify(b);

    // A station stopped before its scrub owes one at start; after it, nothing is owed.
    expect(await scrubOwed(a.db)).toBe(true);
    for (const core of [a, b]) await scrubFiles(core.db);
    expect(await scrubOwed(a.db)).toBe(false);
    // Each station confirms it, with its counts; the record shows who has.
    for (const core of [a, b]) expect(await confirmErasures(core)).toBe(1);
    expect(await confirmErasures(a)).toBe(0);
    await a.applyReplicated(await allOps(b.db));
    const confirmed = (await listErasures(a))[0]?.stations ?? [];
    expect(confirmed).toHaveLength(1);
    expect(confirmed[0]).toMatchObject({ items: 2 });
    expect(confirmed[0]?.confirmedAt).not.toBeNull();
    for (const [d, needle] of [
      [path.join(dir, 'a'), 'SECRETWORDONE'],
      [path.join(dir, 'a'), 'SECRETWORDTWO'],
      [path.join(dir, 'a'), 'ictimHandle'],
      [path.join(dir, 'a'), 'ictimhandle'],
      [path.join(dir, 'a'), 'victim@example.com'],
      [path.join(dir, 'b'), 'SECRETWORDONE'],
      [path.join(dir, 'b'), 'ictimHandle'],
      [path.join(dir, 'b'), 'ictimhandle'],
      [path.join(dir, 'b'), 'victim@example.com'],
    ] as const)
      expect(filesHold(d, needle), `${needle} in ${d}`).toEqual([]);
    // Other authors' data is intact.
    expect(filesHold(path.join(dir, 'a'), 'flight delayed again').length).toBeGreaterThan(0);
    console.log(`erasure of 2 of 3 mentions with scrub: ${Date.now() - started} ms`);
  });

  it('erases a late arrival of the un-erased op on arrival, and a far-behind station applies it', async () => {
    const { dir, a, room } = await scenario();
    const original = await allOps(a.db);
    await requestErasure(a, room.adminId, {
      channel: 'twitter',
      handle: 'victimhandle',
      customer: false,
      reference: 'case 7',
    });
    const erased = await allOps(a.db);
    const c = await open(path.join(dir, 'c'));
    // C gets the room and the erasure first, then the original (un-erased) ops from an old peer.
    await c.applyReplicated(
      erased.filter(
        (o) =>
          o.type !== 'mention.ingest' &&
          !o.type.startsWith('message.') &&
          !o.type.startsWith('contact.'),
      ),
    );
    await c.applyReplicated(original);
    expect(await c.db.all('SELECT id FROM mentions')).toEqual([{ id: 'twitter:2' }]);
    const stored = await c.db.all<{ payload: string | null }>(
      `SELECT payload FROM ops WHERE type IN ('mention.ingest', 'message.draft', 'contact.merge')`,
    );
    expect(stored.map((s) => s.payload ?? '').join('')).not.toMatch(/ictim/i);
    expect(await stateDigest(c.db)).toBe(await stateDigest(a.db));
    await chainsVerify(c);

    // A station far behind gets everything (erased copies, stubs) in one catch-up.
    const d = await open(path.join(dir, 'd'));
    await d.applyReplicated(erased);
    expect(await stateDigest(d.db)).toBe(await stateDigest(a.db));

    // A later version of the withheld reply, not naming the mention again: withheld on arrival.
    const v2 = draftFor(room.adminId, 'msg-1', 'twitter:1', 'Dear VictimHandle, version two');
    delete (v2.payload as { mentionId?: string }).mentionId;
    await a.commit([v2]);
    const drafts = await a.db.all<{ payload: string | null }>(
      `SELECT payload FROM ops WHERE type = 'message.draft'`,
    );
    expect(drafts.map((d) => d.payload)).toEqual([null, null]);

    // A station that only ever got the mention erased, and the reply to it un-withheld from a
    // desk that had not applied the erasure yet: the request's mention keys withhold it there too.
    const e = await open(path.join(dir, 'e'));
    await e.applyReplicated(erased.filter((o) => o.type !== 'message.draft'));
    await e.applyReplicated(original.filter((o) => o.type === 'message.draft'));
    const there = await e.db.all<{ payload: string | null }>(
      `SELECT payload FROM ops WHERE type = 'message.draft'`,
    );
    expect(there).toEqual([{ payload: null }]);
    expect(await stateDigest(e.db)).toBe(await stateDigest(d.db));

    // A connector re-ingesting the same old mention on A: erased on arrival.
    await a.commit([ingest(room.adminId, [tweet('1', '@VictimHandle', 'SECRETWORDONE again')])]);
    expect(await a.db.all(`SELECT id FROM mentions WHERE id = 'twitter:1'`)).toEqual([]);
    const last = (await allOps(a.db)).filter((o) => o.type === 'mention.ingest').at(-1) as Op;
    expect(JSON.stringify(last.payload)).not.toMatch(/SECRETWORD/);
    // A new mention of theirs, after the request, is new data and is kept.
    const later = tweet('9', '@VictimHandle', 'a new complaint');
    later.mention.occurredAt = new Date(Date.now() + 60_000).toISOString();
    await a.commit([ingest(room.adminId, [later])]);
    expect(await a.db.all(`SELECT id FROM mentions WHERE id = 'twitter:9'`)).toEqual([
      { id: 'twitter:9' },
    ]);
  });

  it('erases every identifier of a linked customer (email too) and counts them', async () => {
    const { a, room } = await scenario();
    await a.commit([
      {
        type: 'mention.ingest',
        v: 2,
        actor: room.adminId,
        subject: null,
        payload: {
          items: [
            {
              enrichment: {
                language: 'en',
                priority: 50,
                sentiment: { label: 'neutral', score: 0 },
              },
              mention: {
                author: { handle: 'victim@example.com', name: 'V' },
                channel: 'email',
                externalId: 'mail-1',
                metadata: {},
                occurredAt: '2015-02-23T10:00:00Z',
                text: 'SECRETMAIL body',
              },
            },
          ],
          source: { connector: 'csv' },
        },
      },
    ]);
    const preview = await previewErasure(a, {
      channel: 'twitter',
      handle: 'VictimHandle',
      customer: true,
    });
    expect(preview.mentions).toBe(3);
    expect(preview.channels).toEqual(['email', 'twitter']);
    await requestErasure(a, room.adminId, {
      channel: 'twitter',
      handle: 'VictimHandle',
      customer: true,
      reference: 'DSR-9',
    });
    expect(await a.db.all('SELECT id FROM mentions')).toEqual([{ id: 'twitter:2' }]);
  });

  it('refuses a non-admin erasure (no effect anywhere), an unknown author, a reference naming the person', async () => {
    const { a, room, ana } = await scenario();
    const roomId = (await a.db.get<{ id: string }>('SELECT id FROM room'))?.id ?? '';
    await a.commit([
      {
        type: 'erasure.request',
        v: 1,
        actor: ana,
        subject: 'e'.repeat(32),
        payload: {
          erasureId: 'e'.repeat(32),
          keys: [erasureKeyOf(roomId, authorIdentifier('twitter', 'victimhandle'))],
          cutoff: new Date().toISOString(),
          reference: 'by an operator',
          items: 2,
        },
      },
    ]);
    expect(await a.db.get(`SELECT count(*) AS n FROM mentions`)).toEqual({ n: 3 });
    expect((await listErasures(a))[0]).toMatchObject({
      effect: 'refused',
      reason: 'only an admin may request an erasure',
    });
    await expect(
      requestErasure(a, room.adminId, {
        channel: 'twitter',
        handle: 'nobody',
        customer: false,
        reference: 'x',
      }),
    ).rejects.toThrow(/no mentions by that author/);
    await expect(
      requestErasure(a, room.adminId, {
        channel: 'twitter',
        handle: 'VictimHandle',
        customer: false,
        reference: 'request from victimhandle',
      }),
    ).rejects.toThrow(/must not name the person/);
  });
});
