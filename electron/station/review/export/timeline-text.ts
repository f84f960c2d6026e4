import type { TimelineEvent, TimelineKind } from '../../../../shared/analytics/timeline';
import type { Annotation } from '../../../../shared/review/retrospective';
import { refusedSentence } from './refused-words';

type Detail = TimelineEvent['detail'];
const s = (d: Detail, k: string): string | null =>
  typeof d[k] === 'string' ? (d[k] as string) : null;
const opt = (prefix: string, v: string | null) => (v ? `${prefix}${v}` : '');

/** What happened, in one English sentence per kind (the desk words its own through i18n). */
const SENTENCES: Record<TimelineKind, (d: Detail, who: string) => string> = {
  alert: (d) =>
    `Alert: ${s(d, 'rule') ?? 'a rule'} fired${opt(' for ', s(d, 'brand'))}${opt(', topic ', s(d, 'topic'))}${typeof d.count === 'number' ? ` (${d.count} mentions)` : ''}`,
  'mention-logged': (d, who) =>
    `${who} logged a ${s(d, 'channel') ?? ''} mention${opt(': ', s(d, 'note'))}`,
  'run-started': (d, who) => `${who} started the playbook run${opt(': ', s(d, 'note'))}`,
  'run-step': (d, who) => `${who} completed step ${s(d, 'step') ?? '?'}${opt(': ', s(d, 'note'))}`,
  'gate-approved': (d, who) => `${who} approved gate ${s(d, 'step') ?? '?'}`,
  'phase-advanced': (d, who) => `${who} moved the run to the next phase${opt(': ', s(d, 'note'))}`,
  severity: (d, who) => `${who} set the severity to ${s(d, 'severity') ?? '?'}`,
  commander: (_d, who) => `${who} handed over incident command`,
  'status-update': (d, who) => `${who} posted a status update${opt(': ', s(d, 'note'))}`,
  escalation: (d) => `Escalation: deadline ${s(d, 'timer') ?? ''} passed`,
  'run-closed': (d, who) => `${who} closed the run${opt(': ', s(d, 'note'))}`,
  'staffing-level': (d, who) =>
    `${d.byHand ? who : 'The sampler'} set the staffing level to ${s(d, 'level') ?? '?'}${opt(' (', s(d, 'reason'))}${s(d, 'reason') ? ')' : ''}`,
  'staffing-auto': (_d, who) => `${who} let the staffing level follow the measurements`,
  'check-in': (d, who) => `${who} checked in${opt(' to ', s(d, 'department'))}`,
  'check-out': (d, who) =>
    `${who} checked out${opt(' (', s(d, 'reason'))}${s(d, 'reason') ? ')' : ''}`,
  draft: (d, who) => `${who} drafted a ${s(d, 'kind') ?? 'message'}`,
  'approval-asked': (d, who) => `${who} asked for approval of a ${s(d, 'kind') ?? 'message'}`,
  review: (d, who) =>
    `${who} ${s(d, 'decision') === 'approve' ? 'approved' : s(d, 'decision') === 'reject' ? 'rejected' : 'asked for changes to'} a message${opt(' for ', s(d, 'area'))}`,
  'statement-sent': (d, who) =>
    `${who} sent a statement${opt(' to ', s(d, 'audience'))}${opt(' on ', s(d, 'channel'))}`,
  'reply-sent': (d, who) => `${who} sent a reply${opt(' on ', s(d, 'channel'))}`,
  claim: (_d, who) => `${who} claimed a mention`,
  collision: (_d, who) => `${who} tried to claim a mention someone else held (collision)`,
  assigned: (_d, who) => `${who} assigned a mention`,
  answered: (_d, who) => `${who} answered a mention`,
  closed: (_d, who) => `${who} closed a mention`,
  ignored: (_d, who) => `${who} ignored a mention`,
  reopened: (_d, who) => `${who} reopened a mention`,
  're-routed': (d, who) => `${who} re-routed a mention${opt(' to ', s(d, 'department'))}`,
  'sla-breach': (d) => `A mention passed its answer-time target${opt(' in ', s(d, 'department'))}`,
  refused: refusedSentence,
};

/** An event's sentence, with who did it by name. */
export function eventSentence(e: TimelineEvent, nameOf: (id: string) => string): string {
  return SENTENCES[e.kind](e.detail, nameOf(e.actor));
}

/** Kinds about one mention's handling: a busy review shows them as counts, not one by one. */
const ROUTINE: ReadonlySet<TimelineKind> = new Set([
  'claim',
  'assigned',
  'answered',
  'closed',
  'ignored',
  'reopened',
  're-routed',
  'reply-sent',
  'sla-breach',
  'check-in',
  'check-out',
  'draft',
]);

/** At most this many events are listed one by one before routine ones are folded into counts. */
export const MAX_LISTED_EVENTS = 400;

/** A timeline row: one event (with its annotations), or routine events folded per interval. */
export type TimelineRow =
  | { kind: 'event'; event: TimelineEvent; notes: Annotation[] }
  | { kind: 'folded'; at: number; counts: [TimelineKind, number][] };

/**
 * The rows a report lists: every event when there are few; otherwise every key event (alerts,
 * runs, staffing, approvals, statements, collisions, logged calls) and every annotated one, with
 * the routine handling of mentions between them folded into counts per interval.
 */
export function timelineRows(
  events: readonly TimelineEvent[],
  annotations: readonly Annotation[],
  intervalMs: number,
): TimelineRow[] {
  const notes = new Map<string, Annotation[]>();
  for (const a of annotations) notes.set(a.eventId, [...(notes.get(a.eventId) ?? []), a]);
  const fold = events.length > MAX_LISTED_EVENTS;
  const rows: TimelineRow[] = [];
  let pending: { at: number; counts: Map<TimelineKind, number> } | null = null;
  const flush = () => {
    if (pending) rows.push({ kind: 'folded', at: pending.at, counts: [...pending.counts] });
    pending = null;
  };
  for (const e of events) {
    const n = notes.get(e.opId) ?? [];
    if (fold && ROUTINE.has(e.kind) && n.length === 0 && !e.firstStatement) {
      const slot = e.at - (e.at % intervalMs);
      if (pending && pending.at !== slot) flush();
      pending ??= { at: slot, counts: new Map() };
      pending.counts.set(e.kind, (pending.counts.get(e.kind) ?? 0) + 1);
      continue;
    }
    flush();
    rows.push({ kind: 'event', event: e, notes: n });
  }
  flush();
  return rows;
}

/** Folded counts as words ("120 answered, 30 claim"). */
export function foldedText(counts: readonly [TimelineKind, number][]): string {
  return counts.map(([k, n]) => `${n} × ${k}`).join(', ');
}

/** Annotations whose event is not on this timeline (outside the window, or filtered out). */
export function strayAnnotations(
  events: readonly TimelineEvent[],
  annotations: readonly Annotation[],
): Annotation[] {
  const ids = new Set(events.map((e) => e.opId));
  return annotations.filter((a) => !ids.has(a.eventId));
}
