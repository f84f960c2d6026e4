import type { Sql } from '../db/connection';
import type { Applied } from '../ops/apply';
import type { Op } from '../ops/op';
import type { RoleHistory } from '../ops/reducers/roles';
import { PolicyHistory, refoldMessage } from '../ops/reducers/messages';
import { refoldReview } from '../ops/reducers/reviews';
import { refoldContactLink } from '../ops/reducers/contacts';
import { applyPrivacy } from './privacy-pass';

/**
 * The last step of applying a batch: erasures and retention (privacy-pass.ts), then the messages,
 * reviews and customer links whose ops lost their payload are derived again. Adds what changed
 * to `out`.
 */
export async function applyPrivacyEffects(
  tx: Sql,
  ops: readonly Op[],
  rowidBefore: number,
  roles: RoleHistory,
  out: Applied,
  /** Ops of a revoked station past its revocation point: their erasure or retention rules count for nothing. */
  isVoid: (op: Pick<Op, 'origin' | 'seq'>) => boolean = () => false,
): Promise<void> {
  const privacy = await applyPrivacy(tx, ops, rowidBefore, roles, {
    operatorsChanged: out.operatorsChanged,
    isVoid,
  });
  if (!privacy) return;
  out.privacy = privacy;
  out.mentionsChanged = [...new Set([...out.mentionsChanged, ...privacy.mentionsRemoved])];
  const { messages, reviews, contacts } = privacy.refold;
  if (messages.length > 0) {
    const policies = new PolicyHistory(tx, roles);
    await policies.load(tx);
    for (const id of messages) await refoldMessage(tx, id, roles, policies);
    out.messagesChanged = [...new Set([...out.messagesChanged, ...messages])];
  }
  for (const id of reviews) await refoldReview(tx, id, roles);
  if (reviews.length > 0)
    out.reviewsChanged = [...new Set([...(out.reviewsChanged ?? []), ...reviews])];
  const changed = new Set(out.contactsChanged ?? []);
  for (const s of contacts) for (const id of await refoldContactLink(tx, s, roles)) changed.add(id);
  if (contacts.length > 0) out.contactsChanged = [...changed];
}
