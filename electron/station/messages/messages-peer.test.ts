import { describe, expect, it } from 'vitest';
import { testCores } from '../test-support/test-cores';
import { StationCore } from '../core/core';
import { stateDigest } from '../db/digest';
import { effectOf } from '../db/queries/effects';
import { allOps } from '../db/queries/ops';
import type { MessageRow } from '../db/queries/messages';
import { sha256Hex } from '../ops/op-id';
import type { Op, OpDraft } from '../ops/op';
import { createOperator, createWarRoom } from '../room/war-room';
import { BatchRefused } from '../sync/peer-batch';

const { open } = testCores();

/** Station A with a room, an operator and a PR approver; B holds a copy of everything. */
async function room() {
  const a = await open();
  const b = await open();
  const { adminId } = await createWarRoom(a, {
    warRoom: 'Recall',
    username: 'lead',
    displayName: 'Lea',
    password: 'lead-password',
  });
  const person = (username: string, role: 'operator' | 'approver', areas: ('pr' | 'legal')[]) =>
    createOperator(a, adminId, {
      username,
      displayName: username,
      password: `${username}-password`,
      role,
      departments: [],
      areas,
    });
  const ana = await person('ana', 'operator', []);
  const pia = await person('pia', 'approver', ['pr']);
  await b.applyReplicated(await allOps(a.db));
  return { a, b, ana, pia };
}

const TEXT = 'We are recalling batch 42 as a precaution.';
const draft = (actor: string): OpDraft => ({
  type: 'message.draft',
  v: 1,
  actor,
  subject: 'm1',
  payload: {
    messageId: 'm1',
    kind: 'statement',
    language: 'en',
    channel: 'press',
    topics: [],
    text: TEXT,
    contentHash: sha256Hex(TEXT),
    submit: true,
  },
});
const review = (actor: string): OpDraft => ({
  type: 'message.review',
  v: 1,
  actor,
  subject: 'm1',
  payload: { decision: 'approve', area: 'pr', contentHash: sha256Hex(TEXT) },
});
const send = (actor: string): OpDraft => ({
  type: 'message.send',
  v: 1,
  actor,
  subject: 'm1',
  payload: {
    contentHash: sha256Hex(TEXT),
    text: TEXT,
    channel: 'press',
    target: { audience: 'public' },
    via: ['clipboard'],
  },
});

const statusOn = async (core: StationCore) =>
  (await core.db.get<MessageRow>('SELECT * FROM messages WHERE id = ?', ['m1']))?.status;

describe('messaging ops arriving from a peer', () => {
  it('a send without its approvals, made on a desk that skipped the checks, is refused on every station that receives it', async () => {
    const { a, b, ana } = await room();
    // B's desk is out of date or modified: it records the send anyway.
    const applied = await b.commit([draft(ana), send(ana)]);
    const sendOp = applied.ops[1] as Op;
    await a.applyReplicated(await allOps(b.db));
    for (const core of [a, b]) {
      expect(await effectOf(core.db, sendOp.id)).toEqual({
        effect: 'refused',
        reason: 'it needs approval from pr',
      });
      expect(await statusOn(core)).toBe('in-review');
    }
    expect(await stateDigest(a.db)).toBe(await stateDigest(b.db));
  });

  it('an approval by an operator without the approver role has no effect anywhere; a real one does', async () => {
    const { a, b, ana, pia } = await room();
    await a.commit([draft(ana)]);
    await b.applyReplicated(await allOps(a.db));
    const [byOperator] = (await b.commit([review(ana)])).ops;
    await a.applyReplicated(await allOps(b.db));
    expect(await effectOf(a.db, (byOperator as Op).id)).toMatchObject({ effect: 'refused' });
    expect(await statusOn(a)).toBe('in-review');
    const [byApprover] = (await b.commit([review(pia)])).ops;
    await a.applyReplicated(await allOps(b.db));
    expect(await effectOf(a.db, (byApprover as Op).id)).toMatchObject({ effect: 'applied' });
    expect(await statusOn(a)).toBe('approved');
    expect(await stateDigest(a.db)).toBe(await stateDigest(b.db));
  });

  it('a forged approval (payload changed after signing) is refused at the door and never stored', async () => {
    const { a, b, ana, pia } = await room();
    await a.commit([draft(ana)]);
    const [honest] = (await a.commit([review(pia)])).ops as Op[];
    const all = await allOps(a.db);
    const forged = all.map((o) =>
      o.id === honest?.id
        ? { ...o, payload: { ...(o.payload as object), area: 'legal' }, payloadJson: undefined }
        : { ...o, payloadJson: undefined },
    );
    await expect(b.applyFromPeer(forged)).rejects.toThrow(BatchRefused);
    expect(await b.db.get('SELECT id FROM ops WHERE id = ?', [honest?.id ?? ''])).toBeUndefined();
  });
});
