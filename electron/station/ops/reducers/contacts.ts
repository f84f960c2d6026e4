import type { Sql } from '../../db/connection';
import { opsBySubject } from '../../db/queries/ops';
import { writeEffects } from '../../db/queries/mention-writes';
import { putContactLink } from '../../db/queries/contact-links';
import { linkSubjectOf } from '../../contacts/link-subject';
import { can } from '../../../../shared/domain/permissions';
import { CONTACT_OPS, pairOfPayload } from '../../../../shared/contacts/contact-ops';
import { foldLink, type LinkVerdict } from '../../../../shared/contacts/link-fold';
import type { RoleHistory } from './roles';

/**
 * Re-derives one link between two customers from all its contact.* ops (a handful), judging each
 * against its actor's role at its HLC, and stores where the link stands and the verdicts.
 * Returns the link's two identifiers (for telling desks whose customer changed).
 */
export async function refoldContactLink(
  tx: Sql,
  subject: string,
  roles: RoleHistory,
): Promise<string[]> {
  const ops = await opsBySubject(tx, subject, CONTACT_OPS);
  await roles.load(ops.map((o) => o.actor));
  // An op filed under a subject its own payload does not hash to is a malformed op of a peer:
  // it stays in the log and is shown refused, and it cannot move another pair's link.
  const misfiled: LinkVerdict[] = [];
  const folded = ops.filter((o) => {
    const pair = pairOfPayload(o.payload);
    if (!pair || linkSubjectOf(pair.a, pair.b) === subject) return true;
    misfiled.push({ opId: o.id, effect: 'refused', reason: 'filed under another link' });
    return false;
  });
  const { link, verdicts } = foldLink(
    folded.map((o) => ({
      id: o.id,
      type: o.type,
      v: o.v,
      hlc: o.hlc,
      actor: o.actor,
      payload: o.payload,
      mayMerge: can(roles.roleAt(o.actor, o.hlc), 'contact.merge'),
      mayOverride: can(roles.roleAt(o.actor, o.hlc), 'contact.override'),
    })),
  );
  await putContactLink(tx, subject, link);
  await writeEffects(tx, subject, [...verdicts, ...misfiled]);
  return link ? [link.a, link.b] : [];
}
