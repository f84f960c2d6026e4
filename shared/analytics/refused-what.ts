/**
 * What a refused timeline event says was refused ("the approval for legal", "closing the run"),
 * as a name the desk words through i18n (`review.refused.<name>`) and the exports in English.
 */
import type { TimelineEvent } from './timeline';

/** Every name of a refused thing; `op` is any other op type, worded with its type. */
export const REFUSED_WHATS = [
  'claim',
  'release',
  'assign',
  'answer',
  'close',
  'ignore',
  'reopen',
  'route',
  'leaseExpiry',
  'slaBreach',
  'runStart',
  'step',
  'gate',
  'advance',
  'severity',
  'commander',
  'statusUpdate',
  'runClose',
  'timer',
  'draft',
  'approval',
  'rejection',
  'changes',
  'send',
  'retire',
  'policy',
  'checkIn',
  'checkOut',
  'shift',
  'retro',
  'contact',
  'account',
  'staffing',
  'routing',
  'op',
] as const;
/** One of them. */
export type RefusedWhat = (typeof REFUSED_WHATS)[number];

const BY_TYPE: Readonly<Record<string, RefusedWhat>> = {
  'mention.claim': 'claim',
  'mention.release': 'release',
  'mention.assign': 'assign',
  'mention.answer': 'answer',
  'mention.close': 'close',
  'mention.ignore': 'ignore',
  'mention.reopen': 'reopen',
  'mention.route': 'route',
  'claim.expired': 'leaseExpiry',
  'sla.breached': 'slaBreach',
  'run.start': 'runStart',
  'run.step': 'step',
  'run.approve': 'gate',
  'run.advance': 'advance',
  'run.severity': 'severity',
  'run.commander': 'commander',
  'run.status-update': 'statusUpdate',
  'run.close': 'runClose',
  'timer.fired': 'timer',
  'message.draft': 'draft',
  'message.send': 'send',
  'message.retire': 'retire',
  'policy.set': 'policy',
  'shift.check-in': 'checkIn',
  'shift.check-out': 'checkOut',
  'shift.plan': 'shift',
  'shift.cancel': 'shift',
  'routing.set': 'routing',
  'sla.set': 'routing',
};
// Families of ops worded alike (a retrospective's edits, a customer link, staffing plans).
const BY_PREFIX: readonly [string, RefusedWhat][] = [
  ['retro.', 'retro'],
  ['contact.', 'contact'],
  ['operator.', 'account'],
  ['staffing.', 'staffing'],
  ['event.', 'staffing'],
  ['reserves.', 'staffing'],
];
const REVIEW_WHAT: Readonly<Record<string, RefusedWhat>> = {
  approve: 'approval',
  reject: 'rejection',
  changes: 'changes',
};

/** The name of what a refused event's op was (its detail's `op`, and `decision` for a review). */
export function refusedWhat(detail: TimelineEvent['detail']): RefusedWhat {
  const type = typeof detail.op === 'string' ? detail.op : '';
  if (type === 'message.review')
    return REVIEW_WHAT[typeof detail.decision === 'string' ? detail.decision : ''] ?? 'op';
  return BY_TYPE[type] ?? BY_PREFIX.find(([prefix]) => type.startsWith(prefix))?.[1] ?? 'op';
}
