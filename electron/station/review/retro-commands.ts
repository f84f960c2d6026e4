import { randomUUID } from 'node:crypto';
import type { StationCore } from '../core/core';
import { opsBySubject } from '../db/queries/ops';
import { CommandError } from '../mentions/commands';
import type { OpDraft } from '../ops/op';
import { RoleHistory } from '../ops/reducers/roles';
import { readRetro } from './retro-store';
import { can } from '../../../shared/domain/permissions';
import type { Role } from '../../../shared/domain/people';
import { foldRetrospective, type RetroOp } from '../../../shared/review/retro-fold';
import { RETRO_OPS, type Retrospective } from '../../../shared/review/retrospective';

/** Who is changing a review: the operator and the role they hold now. */
export type Reviewer = { id: string; role: Role };

/**
 * Commits one retrospective op after folding it onto the review's ops the way every station
 * will (as the latest change, by the reviewer's role now): a desk hears why a change is refused
 * ("the retrospective is closed") and nothing refused is written. Returns the new document.
 */
export async function commitRetro(
  core: StationCore,
  reviewId: string,
  who: Reviewer,
  type: (typeof RETRO_OPS)[number],
  payload: Record<string, unknown>,
): Promise<Retrospective> {
  const stored = await opsBySubject(core.db, reviewId, RETRO_OPS);
  const roles = new RoleHistory(core.db);
  await roles.load(stored.map((o) => o.actor));
  const past: RetroOp[] = stored.map((o) => ({
    ...o,
    mayWrite: can(roles.roleAt(o.actor, o.hlc), 'review.write'),
    mayManage: can(roles.roleAt(o.actor, o.hlc), 'review.manage'),
  }));
  const candidate: RetroOp = {
    id: 'candidate',
    type,
    v: 1,
    hlc: `${String(Date.now()).padStart(15, '0')}\uffff`,
    actor: who.id,
    payload,
    mayWrite: can(who.role, 'review.write'),
    mayManage: can(who.role, 'review.manage'),
  };
  const { verdicts } = foldRetrospective(reviewId, [...past, candidate]);
  const verdict = verdicts.find((v) => v.opId === 'candidate');
  if (verdict?.effect !== 'applied') {
    const reason = verdict?.reason ?? 'refused';
    throw new CommandError(reason === 'no such review' ? 'not-found' : 'forbidden', reason);
  }
  const draft: OpDraft = { type, v: 1, actor: who.id, subject: reviewId, payload };
  await core.commit([draft]);
  const retro = await readRetro(core.db, reviewId);
  if (!retro) throw new Error(`review ${reviewId} was not stored`);
  return retro;
}

/** A new id for a review, an action item or an annotation. */
export const newReviewKey = (): string => randomUUID();
