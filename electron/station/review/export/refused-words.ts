import type { TimelineEvent } from '../../../../shared/analytics/timeline';
import { refusedWhat, type RefusedWhat } from '../../../../shared/analytics/refused-what';

type Detail = TimelineEvent['detail'];
const s = (d: Detail, k: string) => (typeof d[k] === 'string' ? (d[k] as string) : '?');
const forArea = (d: Detail) => (typeof d.area === 'string' ? ` for ${d.area}` : '');

/** What was refused, in English (the desk words its own through i18n: `review.refused.*`). */
const WHAT: Record<RefusedWhat, (d: Detail) => string> = {
  claim: () => 'claim on a mention',
  release: () => 'release of a mention',
  assign: () => 'assignment of a mention',
  answer: () => 'marking of a mention as answered',
  close: () => 'closing of a mention',
  ignore: () => 'ignoring of a mention',
  reopen: () => 'reopening of a mention',
  route: () => 're-routing of a mention',
  leaseExpiry: () => 'expiry of a claim',
  slaBreach: () => 'missed response target',
  runStart: () => 'start of a playbook run',
  step: (d) => `completion of step ${s(d, 'step')}`,
  gate: (d) => `approval of gate ${s(d, 'step')}`,
  advance: () => 'move to the next phase',
  severity: () => 'severity change',
  commander: () => 'handover of incident command',
  statusUpdate: () => 'status update',
  runClose: () => 'closing of the run',
  timer: () => 'escalation timer',
  draft: () => 'draft of a message',
  approval: (d) => `approval of a message${forArea(d)}`,
  rejection: (d) => `rejection of a message${forArea(d)}`,
  changes: (d) => `request for changes to a message${forArea(d)}`,
  send: () => 'send of a message',
  retire: () => 'retiring of a library statement',
  policy: () => 'change to the approval policy',
  checkIn: () => 'check-in',
  checkOut: () => 'check-out',
  shift: () => 'change to the shift plan',
  retro: () => 'change to a retrospective',
  contact: () => 'change to a customer link',
  account: () => 'change to an account',
  staffing: () => 'change to staffing',
  routing: () => 'change to the routing rules or response targets',
  op: (d) => `${s(d, 'op')} op`,
};

/** A refused event in one English sentence: whose what, and why it had no effect. */
export function refusedSentence(d: Detail, who: string): string {
  const reason = typeof d.reason === 'string' && d.reason ? ` — ${d.reason}` : '';
  return `Refused: ${who}'s ${WHAT[refusedWhat(d)](d)}${reason}`;
}
