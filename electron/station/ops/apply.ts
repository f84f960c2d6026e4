import type { Sql } from '../db/connection';
import { existingOpIds, insertOps, subjectsOfActorSince } from '../db/queries/ops';
import { MENTION_STATE_OPS } from '../../../shared/domain/mention-state';
import type { Op } from './op';
import { PEOPLE_OPS } from './payloads';
import { applyIngest, refoldMention } from './reducers/mentions';
import { applyRoomOp, refoldOperator } from './reducers/people';
import { RoleHistory } from './reducers/roles';

/** What applying a batch changed, for pushing deltas to desks. */
export type Applied = {
  ops: Op[];
  ingested: string[];
  /** How many ingested mentions were new (the rest were duplicates). */
  newMentions: number;
  mentionsChanged: string[];
  operatorsChanged: boolean;
  roomChanged: boolean;
};

const STATE_OPS = new Set<string>(MENTION_STATE_OPS);
const ACCOUNT_OPS = ['operator.create', 'operator.update'];

/**
 * Stores ops and their effects, inside the caller's transaction. Ops already stored are skipped
 * (so applying the same op twice changes nothing); effects are re-derived per subject from the
 * whole set of its ops, so the order ops arrive in does not matter.
 */
export async function applyOps(tx: Sql, incoming: readonly Op[], opts: { fresh: boolean }): Promise<Applied> {
  const known = opts.fresh ? new Set<string>() : await existingOpIds(tx, incoming.map((o) => o.id));
  const seen = new Set<string>();
  const ops = incoming.filter((o) => !known.has(o.id) && !seen.has(o.id) && seen.add(o.id));
  await insertOps(tx, ops);

  const roles = new RoleHistory(tx);
  const out: Applied = { ops, ingested: [], newMentions: 0, mentionsChanged: [], operatorsChanged: false, roomChanged: false };
  const mentionSubjects = new Set<string>();
  const operatorSubjects = new Set<string>();
  const ingests: Op[] = [];

  for (const op of ops) {
    if (op.type === 'mention.ingest') ingests.push(op);
    else if (STATE_OPS.has(op.type) && op.subject) mentionSubjects.add(op.subject);
    else if ((op.type === 'operator.create' || op.type === 'operator.update') && op.subject) operatorSubjects.add(op.subject);
    else if ((PEOPLE_OPS as readonly string[]).includes(op.type)) {
      await applyRoomOp(tx, op);
      out.roomChanged = true;
    }
    // Unknown types (from a newer version) are stored and forwarded but have no effect here.
  }

  // Re-derive touched accounts. A role change (possibly arriving late) can change the verdicts of
  // that account's later ops: on mentions, and on other accounts it created or changed.
  const since = new Map<string, string>();
  for (const op of ops) {
    if (op.subject && operatorSubjects.has(op.subject)) {
      const prev = since.get(op.subject);
      if (prev === undefined || op.hlc < prev) since.set(op.subject, op.hlc);
    }
  }
  const queue = [...since.entries()];
  const refolded = new Set<string>();
  while (queue.length > 0) {
    const [id, from] = queue.pop() as [string, string];
    if (refolded.has(id)) continue;
    refolded.add(id);
    await refoldOperator(tx, id, roles);
    out.operatorsChanged = true;
    for (const s of await subjectsOfActorSince(tx, id, from, ACCOUNT_OPS)) if (!refolded.has(s)) queue.push([s, from]);
    for (const s of await subjectsOfActorSince(tx, id, from, MENTION_STATE_OPS)) mentionSubjects.add(s);
  }

  if (ingests.length > 0) {
    out.newMentions = await applyIngest(tx, ingests);
    out.ingested = ingests.map((o) => o.subject as string);
    // A replica may have received state ops before the mention itself: fold them now.
    if (!opts.fresh) for (const o of ingests) mentionSubjects.add(o.subject as string);
  }

  for (const id of mentionSubjects) await refoldMention(tx, id, roles);
  out.mentionsChanged = [...mentionSubjects];
  return out;
}
