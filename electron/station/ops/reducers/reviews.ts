import type { Sql } from '../../db/connection';
import { opsBySubject } from '../../db/queries/ops';
import { writeEffects } from '../../db/queries/mention-writes';
import { can } from '../../../../shared/domain/permissions';
import { foldRetrospective } from '../../../../shared/review/retro-fold';
import { RETRO_OPS } from '../../../../shared/review/retrospective';
import type { RoleHistory } from './roles';

/**
 * Re-derives one review's retrospective from all its retro.* ops (a review holds a few hundred at
 * most), judging each against its actor's role at its HLC, and stores the document and verdicts.
 */
export async function refoldReview(tx: Sql, reviewId: string, roles: RoleHistory): Promise<void> {
  const ops = await opsBySubject(tx, reviewId, RETRO_OPS);
  await roles.load(ops.map((o) => o.actor));
  const { retro, verdicts } = foldRetrospective(
    reviewId,
    ops.map((o) => ({
      id: o.id,
      type: o.type,
      v: o.v,
      hlc: o.hlc,
      actor: o.actor,
      payload: o.payload,
      mayWrite: can(roles.roleAt(o.actor, o.hlc), 'review.write'),
      mayManage: can(roles.roleAt(o.actor, o.hlc), 'review.manage'),
    })),
  );
  if (retro)
    await tx.run(
      `INSERT INTO reviews (id, title, status, run_id, opened_by, opened_at, updated_at, doc)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET title = excluded.title, status = excluded.status,
         run_id = excluded.run_id, opened_by = excluded.opened_by,
         opened_at = excluded.opened_at, updated_at = excluded.updated_at, doc = excluded.doc`,
      [
        retro.id,
        retro.title,
        retro.status,
        retro.scope.runId ?? null,
        retro.openedBy,
        retro.openedAt,
        retro.updatedAt,
        JSON.stringify(retro),
      ],
    );
  else await tx.run('DELETE FROM reviews WHERE id = ?', [reviewId]);
  await writeEffects(tx, reviewId, verdicts);
}
