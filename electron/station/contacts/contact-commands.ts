import type { StationCore } from '../core/core';
import { opsBySubject } from '../db/queries/ops';
import { contactLinkOf } from '../db/queries/contact-links';
import { CommandError } from '../mentions/commands';
import { RoleHistory } from '../ops/reducers/roles';
import { can } from '../../../shared/domain/permissions';
import type { Role } from '../../../shared/domain/people';
import { pairOf } from '../../../shared/contacts/identifiers';
import { CONTACT_OPS, type MergeSignal } from '../../../shared/contacts/contact-ops';
import { foldLink, type LinkOp } from '../../../shared/contacts/link-fold';
import type { ContactLinkView } from '../../../shared/contract/contacts';
import { identifierHeld, linkView, oneCustomer } from './contact-reader';
import { linkSubjectOf } from './link-subject';

/** Who is deciding: the operator and the role they hold now. */
export type Decider = { id: string; role: Role };

type ContactOpType = 'contact.merge' | 'contact.unmerge' | 'contact.dismiss';

// Refusals a role explains are `forbidden`; the rest are about the link's state.
const ROLE_REASONS = [
  'this role cannot merge customers',
  'this role cannot dismiss suggested merges',
  'only who merged them, a lead or an admin may unmerge',
];

/**
 * Commits one contact op after folding it onto the link's ops the way every station will (as
 * the latest, by the decider's role now), so a desk hears why it is refused and nothing refused
 * is written. Returns the link as it now stands.
 */
async function commitLink(
  core: StationCore,
  who: Decider,
  type: ContactOpType,
  payload: { a: string; b: string } & Record<string, unknown>,
): Promise<ContactLinkView> {
  const subject = linkSubjectOf(payload.a, payload.b);
  const stored = await opsBySubject(core.db, subject, CONTACT_OPS);
  const roles = new RoleHistory(core.db);
  await roles.load(stored.map((o) => o.actor));
  const judged = (o: Omit<LinkOp, 'mayMerge' | 'mayOverride'>, role: Role | null): LinkOp => ({
    ...o,
    mayMerge: can(role, 'contact.merge'),
    mayOverride: can(role, 'contact.override'),
  });
  const past = stored.map((o) => judged(o, roles.roleAt(o.actor, o.hlc)));
  const candidate = judged(
    {
      id: 'candidate',
      type,
      v: 1,
      hlc: `${String(Date.now()).padStart(15, '0')}\uffff`,
      actor: who.id,
      payload,
    },
    who.role,
  );
  const verdict = foldLink([...past, candidate]).verdicts.find((v) => v.opId === 'candidate');
  if (verdict?.effect !== 'applied') {
    const reason = verdict?.reason ?? 'refused';
    throw new CommandError(ROLE_REASONS.includes(reason) ? 'forbidden' : 'conflict', reason);
  }
  await core.commit([{ type, v: 1, actor: who.id, subject, payload }]);
  const row = await contactLinkOf(core.db, payload.a, payload.b);
  if (!row) throw new Error(`the link ${subject} was not stored`);
  return linkView(core.db, row);
}

async function mustBeHeld(core: StationCore, ids: readonly string[]): Promise<void> {
  for (const id of ids)
    if (!(await identifierHeld(core.db, id)))
      throw new CommandError('not-found', `no customer known here by ${id}`);
}

/** Confirms that the customers of two identifiers are one (a contact.merge op). */
export async function mergeContacts(
  core: StationCore,
  who: Decider,
  input: { a: string; b: string; signal: MergeSignal; evidence: string[] },
): Promise<ContactLinkView> {
  const { a, b } = pairOf(input.a, input.b);
  await mustBeHeld(core, [a, b]);
  if (await oneCustomer(core.db, a, b))
    throw new CommandError('conflict', 'they are already one customer');
  return commitLink(core, who, 'contact.merge', {
    a,
    b,
    signal: input.signal,
    evidence: input.evidence,
  });
}

/** Undoes the merge in effect between two identifiers (a contact.unmerge op naming it). */
export async function unmergeContacts(
  core: StationCore,
  who: Decider,
  input: { a: string; b: string },
): Promise<{ link: ContactLinkView; stillOne: boolean }> {
  const { a, b } = pairOf(input.a, input.b);
  const row = await contactLinkOf(core.db, a, b);
  if (row?.state !== 'merged' || row.merge_op === null)
    throw new CommandError('conflict', 'these two customers are not merged');
  const link = await commitLink(core, who, 'contact.unmerge', { a, b, mergeOp: row.merge_op });
  return { link, stillOne: await oneCustomer(core.db, a, b) };
}

/** Records that a suggested merge is not the same customer (a contact.dismiss op). */
export async function dismissSuggestion(
  core: StationCore,
  who: Decider,
  input: { a: string; b: string; signal: MergeSignal },
): Promise<ContactLinkView> {
  const { a, b } = pairOf(input.a, input.b);
  await mustBeHeld(core, [a, b]);
  return commitLink(core, who, 'contact.dismiss', { a, b, signal: input.signal });
}
