import { StationCore } from '../core/core';
import { allOps } from '../db/queries/ops';
import { mentionIdOf } from '../mentions/mention-id';
import type { Op, OpDraft } from '../ops/op';
import { createOperator, createWarRoom } from '../room/war-room';
import type { MentionInput } from '../../../shared/domain/mention';

/** An ingest draft for a made-up tweet, with a fixed enrichment (no enrichment library needed). */
export function ingestDraft(
  actor: string,
  externalId: string,
  text: string,
  occurredAt = '2015-02-22T10:00:00-08:00',
): OpDraft {
  const mention: MentionInput = {
    channel: 'twitter',
    externalId,
    author: { handle: `@user${externalId.slice(-1)}` },
    text,
    occurredAt,
    metadata: { n: 1 },
  };
  return {
    type: 'mention.ingest',
    v: 2,
    actor,
    subject: null,
    payload: {
      items: [
        {
          enrichment: { language: 'en', priority: 60, sentiment: { label: 'negative', score: -2 } },
          mention,
        },
      ],
      source: { connector: 'csv' },
    },
  };
}

/** A state op draft (claim, answer…) on a mention. */
export function stateDraft(
  type: string,
  actor: string,
  externalId: string,
  payload: object = {},
): OpDraft {
  return { type, v: 1, actor, subject: mentionIdOf('twitter', externalId), payload };
}

/**
 * Two stations of one room working the same mentions concurrently: A creates the room, accounts
 * and mentions; B receives all that, then both claim and answer the same mentions while apart.
 * Returns every op of both (A's and B's logs after they exchange).
 */
export async function twoStationScenario(
  dirA: string,
  dirB: string,
): Promise<{ ops: Op[]; digestA: () => Promise<string>; a: StationCore; b: StationCore }> {
  const a = await StationCore.open(dirA);
  const b = await StationCore.open(dirB);
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
    departments: ['customer-care'],
  });
  const bo = await createOperator(a, room.adminId, {
    username: 'bo',
    displayName: 'Bo',
    password: 'password2',
    role: 'operator',
    departments: [],
  });
  const obs = await createOperator(a, room.adminId, {
    username: 'obs',
    displayName: 'Obs',
    password: 'password3',
    role: 'observer',
    departments: [],
  });
  await a.commit([
    ingestDraft(ana, 't1', 'my bag is lost &amp; nobody answers'),
    ingestDraft(ana, 't2', 'flight cancelled 😡\nagain'),
    ingestDraft(ana, 't3', 'thanks for the upgrade'),
    ingestDraft(ana, 't1', 'my bag is lost &amp; nobody answers'),
  ]);
  await b.applyReplicated(await allOps(a.db));
  // Apart: both claim t1 and t2; B answers t2; an observer tries to claim t3; A releases and re-claims.
  await a.commit([stateDraft('mention.claim', ana, 't1', { basis: null, leaseMs: 600_000 })]);
  await b.commit([stateDraft('mention.claim', bo, 't1', { basis: null, leaseMs: 600_000 })]);
  await b.commit([
    stateDraft('mention.claim', bo, 't2', { basis: null, leaseMs: 600_000 }),
    stateDraft('mention.answer', bo, 't2'),
  ]);
  await a.commit([stateDraft('mention.claim', ana, 't2', { basis: null, leaseMs: 600_000 })]);
  await a.commit([stateDraft('mention.claim', obs, 't3', { basis: null, leaseMs: 600_000 })]);
  await b.commit([ingestDraft(bo, 't4', 'phone call logged late', '2015-02-22T09:00:00-08:00')]);
  await a.commit([
    stateDraft('mention.release', ana, 't1'),
    stateDraft('mention.close', ana, 't3'),
  ]);
  const ops = [...(await allOps(a.db)), ...(await allOps(b.db))];
  const unique = [...new Map(ops.map((o) => [o.id, o])).values()];
  return {
    ops: unique,
    a,
    b,
    digestA: async () => (await import('../db/digest')).stateDigest(a.db),
  };
}
