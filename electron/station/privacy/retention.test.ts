import { afterEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { StationCore } from '../core/core';
import { allOps } from '../db/queries/ops';
import { stateDigest } from '../db/digest';
import type { OpDraft } from '../ops/op';
import { createOperator, createWarRoom } from '../room/war-room';
import { tempDir } from '../test-support/temp-dir';
import { exportLedger } from '../ledger/export-ledger';
import { verifyLedger } from '../ledger/verify-ledger';
import { readRetention, setRetention, sweepIfDue } from './retention-service';
import { DAY_MS } from '../../../shared/privacy/retention';

const cleanups: (() => void)[] = [];
const cores: StationCore[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close();
  for (const f of cleanups.splice(0)) f();
});

const item = (id: string, channel: string, handle: string, occurredAt: string, text: string) => ({
  enrichment: { language: 'en', priority: 50, sentiment: { label: 'neutral', score: 0 } },
  mention: { author: { handle }, channel, externalId: id, metadata: {}, occurredAt, text },
});

const ingest = (actor: string, items: object[]): OpDraft => ({
  type: 'mention.ingest',
  v: 2,
  actor,
  subject: null,
  payload: { items, source: { connector: 'csv' } },
});

const daysAgo = (n: number) => new Date(Date.now() - n * DAY_MS).toISOString();

async function room() {
  const { dir, cleanup } = tempDir('holdline-retention-');
  cleanups.push(cleanup);
  const a = await StationCore.open(path.join(dir, 'a'));
  cores.push(a);
  const r = await createWarRoom(a, {
    warRoom: 'Storm week',
    username: 'lead',
    displayName: 'Lea',
    password: 'correct horse',
  });
  const ana = await createOperator(a, r.adminId, {
    username: 'ana',
    displayName: 'Ana',
    password: 'password1',
    role: 'operator',
    departments: [],
  });
  await a.commit([
    ingest(ana, [
      item('1', 'twitter', '@old', '2015-02-22T10:00:00Z', 'OLDTEXT from 2015'),
      item('2', 'twitter', '@recent', daysAgo(2), 'recent words'),
    ]),
    ingest(ana, [item('3', 'email', 'mailer@example.com', daysAgo(10), 'MAILTEXT ten days old')]),
  ]);
  const text = 'Thank you, we are on it';
  const draft: OpDraft = {
    type: 'message.draft',
    v: 1,
    actor: r.adminId,
    subject: 'msg-1',
    payload: {
      messageId: 'msg-1',
      kind: 'reply',
      mentionId: 'twitter:1',
      language: 'en',
      channel: 'twitter',
      topics: [],
      text,
      contentHash: createHash('sha256').update(text).digest('hex'),
      submit: false,
    },
  };
  await a.commit([draft]);
  return { dir, a, adminId: r.adminId, ana };
}

const ids = async (core: StationCore) =>
  (await core.db.all<{ id: string }>('SELECT id FROM mentions ORDER BY id')).map((m) => m.id);

async function ledgerVerifies(core: StationCore): Promise<boolean> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await exportLedger(core.read, out, { key: core.key });
  out.end();
  const lines = Buffer.concat(chunks).toString('utf8').split('\n').filter(Boolean);
  expect(lines.join('\n')).not.toMatch(/OLDTEXT/);
  return (await verifyLedger(lines)).ok;
}

describe('retention', () => {
  it('erases mentions older than N days on a sweep, keeps the messaging record; the ledger verifies', async () => {
    const { dir, a, adminId } = await room();
    await setRetention(a, adminId, { mentionDays: 30, contactDays: null });
    expect(await sweepIfDue(a)).toBe(true);
    expect(await ids(a)).toEqual(['email:3', 'twitter:2']);
    expect(await sweepIfDue(a)).toBe(false);
    const view = await readRetention(a);
    expect(view).toMatchObject({
      rules: { mentionDays: 30, contactDays: null },
      setBy: 'lead',
      erasedHere: 1,
    });
    expect(view.applied.mentionsBefore).not.toBeNull();
    // The reply drafted to the erased mention is part of the approved-messaging record: kept.
    const draft = await a.db.get<{ payload: string | null }>(
      `SELECT payload FROM ops WHERE type = 'message.draft'`,
    );
    expect(draft?.payload).toMatch(/Thank you/);
    expect(await ledgerVerifies(a)).toBe(true);

    // Another station holding the same ops, in another order, holds the same state.
    const b = await StationCore.open(path.join(dir, 'b'));
    cores.push(b);
    await b.applyReplicated([...(await allOps(a.db))].reverse());
    expect(await stateDigest(b.db)).toBe(await stateDigest(a.db));
  });

  it('erases contact details (an email sender) after their own N days, and mentions kept otherwise', async () => {
    const { a, adminId } = await room();
    await setRetention(a, adminId, { mentionDays: null, contactDays: 7 });
    expect(await sweepIfDue(a)).toBe(true);
    expect(await ids(a)).toEqual(['twitter:1', 'twitter:2']);
  });

  it('gives rules set by a non-admin and sweeps past what the rules allowed no effect', async () => {
    const { a, adminId, ana } = await room();
    await setRetention(a, ana, { mentionDays: 1, contactDays: null });
    expect((await readRetention(a)).rules).toEqual({ mentionDays: null, contactDays: null });
    expect(await sweepIfDue(a)).toBe(false);
    await setRetention(a, adminId, { mentionDays: 3650, contactDays: null });
    await a.commit([
      {
        type: 'retention.sweep',
        v: 1,
        actor: 'system',
        subject: 'retention',
        payload: { mentionsBefore: new Date().toISOString(), contactsBefore: null },
      },
    ]);
    expect(await ids(a)).toEqual(['email:3', 'twitter:1', 'twitter:2']);
    const effect = await a.db.get<{ reason: string }>(
      `SELECT e.reason FROM op_effects e JOIN ops o ON o.id = e.op_id
       WHERE o.type = 'retention.sweep' AND e.effect = 'refused'`,
    );
    expect(effect?.reason).toBe('past what the rules allowed then');
  });
});
