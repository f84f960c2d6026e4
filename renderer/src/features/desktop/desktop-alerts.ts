import type { TFunction } from 'i18next';
import type { AssignedNotice, SlaBreachNotice } from '../../../../shared/contract/routing';
import type { MessageView } from '../../../../shared/contract/messages';
import type { AlertView } from '../../../../shared/contract/runs';
import type { Operator } from '../../../../shared/domain/people';
import type { NotifyRequest } from '../../../../shared/desk/desktop-bridge';

/** i18n's `t` (the notifications' sentences are under `desktop.`). */
export type Translate = TFunction;

export const assignedNote = (n: AssignedNotice, t: Translate): NotifyRequest => ({
  kind: 'assigned',
  title: t(n.overflow ? 'desktop.assignedOverflow' : 'desktop.assigned'),
  body: n.excerpt,
  target: { kind: 'mention', id: n.mentionId },
});

export const breachNote = (n: SlaBreachNotice, t: Translate): NotifyRequest => ({
  kind: 'sla-breach',
  title: t('desktop.breach', { department: n.department ?? '—' }),
  body: n.excerpt,
  target: { kind: 'mention', id: n.mentionId },
});

export const alertNote = (a: AlertView, t: Translate): NotifyRequest => ({
  kind: 'alert',
  title: t(a.rule === 'volume-spike' ? 'desktop.spike' : 'desktop.sentimentShift', {
    key: a.key,
  }),
  body: t('desktop.alertBody', { count: a.count, severity: a.suggestedSeverity }),
  target: { kind: 'alerts' },
});

/**
 * Messages now waiting on `me` — in review, needing an area `me` approves for that nobody has
 * approved yet — that were not waiting before (ids in `known`, which this updates).
 */
export function newlyWaitingOn(
  me: Operator,
  messages: readonly MessageView[],
  known: Set<string>,
): MessageView[] {
  const out: MessageView[] = [];
  for (const m of messages) {
    const waits =
      m.status === 'in-review' &&
      m.created.id !== me.id &&
      m.required.some((a) => me.areas.includes(a) && !m.approvedAreas.includes(a));
    const key = `${m.id}@${m.version}`;
    if (waits && !known.has(key)) out.push(m);
    if (waits) known.add(key);
  }
  return out;
}

export const approvalNote = (m: MessageView, t: Translate): NotifyRequest => ({
  kind: 'approval',
  title: t('desktop.approval', { kind: m.kind }),
  body: m.text.slice(0, 280),
  target: { kind: 'approvals' },
});
