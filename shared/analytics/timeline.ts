/**
 * The review's timeline: every op that matters projected into one readable event, in the order
 * things happened, with when each was recorded kept beside it (a phone call logged an hour later
 * sits where it happened). Pure: every station holding the same ops gets the same timeline.
 */
import { refusedEvents } from './timeline-refused';

/** An op as the timeline reads it, with what it did (from the station's op_effects). */
export type TimelineOp = {
  id: string;
  type: string;
  hlc: string;
  actor: string;
  subject: string | null;
  payload: unknown;
  effect: 'applied' | 'refused' | 'collision' | 'pending';
  /** Why it had no effect (refused, collision), as its station's fold recorded it; else null. */
  reason: string | null;
};

/** What an event is: the UI has a sentence and an icon for each. */
export const TIMELINE_KINDS = [
  'alert',
  'mention-logged',
  'run-started',
  'run-step',
  'gate-approved',
  'phase-advanced',
  'severity',
  'commander',
  'status-update',
  'escalation',
  'run-closed',
  'staffing-level',
  'staffing-auto',
  'check-in',
  'check-out',
  'draft',
  'approval-asked',
  'review',
  'statement-sent',
  'reply-sent',
  'claim',
  'collision',
  'assigned',
  'answered',
  'closed',
  'ignored',
  'reopened',
  're-routed',
  'sla-breach',
  'refused',
] as const;
/** One kind. */
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/** What an event points at, to open it (the mention, the message, the run, the alert). */
export type Evidence = { kind: 'mention' | 'message' | 'run' | 'alert'; id: string };

/** One event of the timeline. */
export type TimelineEvent = {
  opId: string;
  kind: TimelineKind;
  /** When it happened (epoch ms). */
  at: number;
  /** When it was recorded (the op's HLC wall time). */
  recordedAt: number;
  actor: string;
  /** Facts for the event's sentence (level, decision, step, note…). */
  detail: Record<string, string | number | boolean | null>;
  evidence: Evidence | null;
  /** The first official statement that went public. */
  firstStatement: boolean;
};

const wallOf = (hlc: string) => Number(hlc.slice(0, 15));
const str = (p: Record<string, unknown>, k: string) =>
  typeof p[k] === 'string' ? (p[k] as string) : null;
const num = (p: Record<string, unknown>, k: string) =>
  typeof p[k] === 'number' ? (p[k] as number) : null;

const RUN_KINDS: Record<string, TimelineKind> = {
  'run.start': 'run-started',
  'run.step': 'run-step',
  'run.approve': 'gate-approved',
  'run.advance': 'phase-advanced',
  'run.severity': 'severity',
  'run.commander': 'commander',
  'run.status-update': 'status-update',
  'run.close': 'run-closed',
  'timer.fired': 'escalation',
};
const MENTION_KINDS: Record<string, TimelineKind> = {
  'mention.claim': 'claim',
  'mention.assign': 'assigned',
  'mention.answer': 'answered',
  'mention.close': 'closed',
  'mention.ignore': 'ignored',
  'mention.reopen': 'reopened',
  'mention.route': 're-routed',
  'sla.breached': 'sla-breach',
};

/**
 * The events one op stands for: none for ops the review does not show, a `refused` event for one
 * that was stored but had no effect (timeline-refused.ts).
 */
function eventsOf(op: TimelineOp): TimelineEvent[] {
  const p = (op.payload ?? {}) as Record<string, unknown>;
  const recordedAt = wallOf(op.hlc);
  const base = { opId: op.id, recordedAt, actor: op.actor, firstStatement: false };
  const at = (iso: string | null) => {
    const t = iso === null ? NaN : Date.parse(iso);
    return Number.isFinite(t) ? t : recordedAt;
  };
  const one = (
    kind: TimelineKind,
    detail: TimelineEvent['detail'],
    evidence: Evidence | null,
    when = recordedAt,
  ): TimelineEvent[] => [{ ...base, kind, at: when, detail, evidence }];
  // A claim that lost is the collision everyone must see.
  if (op.effect === 'collision' && op.type === 'mention.claim')
    return one('collision', {}, op.subject ? { kind: 'mention', id: op.subject } : null);
  if (op.effect === 'refused') return refusedEvents(op, recordedAt);
  if (op.effect !== 'applied') return [];

  if (op.type === 'alert.raised')
    return one(
      'alert',
      {
        rule: str(p, 'rule'),
        brand: str(p, 'brand'),
        topic: str(p, 'topic'),
        count: num(p, 'count'),
      },
      { kind: 'alert', id: str(p, 'id') ?? op.id },
      num(p, 'windowEnd') ?? recordedAt,
    );
  const runKind = RUN_KINDS[op.type];
  if (runKind) {
    const runId = str(p, 'runId') ?? op.subject;
    return one(
      runKind,
      {
        step: str(p, 'stepId'),
        note: str(p, 'note') ?? str(p, 'summary'),
        severity: str(p, 'severity'),
        timer: str(p, 'key'),
      },
      runId ? { kind: 'run', id: runId } : null,
      runKind === 'escalation' ? (num(p, 'dueAt') ?? recordedAt) : at(str(p, 'occurredAt')),
    );
  }
  const mentionKind = MENTION_KINDS[op.type];
  if (mentionKind)
    return one(
      mentionKind,
      { department: str(p, 'department'), reason: str(p, 'reason'), operator: str(p, 'operator') },
      op.subject ? { kind: 'mention', id: op.subject } : null,
      mentionKind === 'sla-breach' ? (num(p, 'due') ?? recordedAt) : recordedAt,
    );
  switch (op.type) {
    case 'mention.ingest':
      return loggedMentions(op, p, base);
    // Level changes, by hand or measured, come from the staffing fold's record (`extra`).
    case 'staffing.auto':
      return one('staffing-auto', {}, null);
    case 'shift.check-in':
      return one('check-in', { department: str(p, 'department') }, null);
    case 'shift.check-out':
      return one('check-out', { reason: str(p, 'reason') }, null);
    case 'message.draft':
      return one(
        p.submit === true ? 'approval-asked' : 'draft',
        { kind: str(p, 'kind') },
        op.subject ? { kind: 'message', id: op.subject } : null,
      );
    case 'message.review':
      return one(
        'review',
        { decision: str(p, 'decision'), area: str(p, 'area') },
        op.subject ? { kind: 'message', id: op.subject } : null,
      );
    case 'message.send': {
      const target = (p.target ?? {}) as Record<string, unknown>;
      const statement = typeof target.audience === 'string';
      return one(
        statement ? 'statement-sent' : 'reply-sent',
        {
          channel: str(p, 'channel'),
          audience: str(target, 'audience'),
          mention: str(target, 'mentionId'),
        },
        op.subject ? { kind: 'message', id: op.subject } : null,
      );
    }
    default:
      return [];
  }
}

/** Mentions typed in at a desk (calls, emails, visits): each an event at the time it happened. */
function loggedMentions(
  op: TimelineOp,
  p: Record<string, unknown>,
  base: Omit<TimelineEvent, 'kind' | 'at' | 'detail' | 'evidence'>,
): TimelineEvent[] {
  const source = (p.source ?? {}) as Record<string, unknown>;
  if (source.connector !== 'manual' || !Array.isArray(p.items)) return [];
  return p.items.flatMap((item: unknown) => {
    const m = ((item ?? {}) as { mention?: Record<string, unknown> }).mention;
    if (!m) return [];
    const channel = str(m, 'channel');
    const id = channel && str(m, 'externalId') ? `${channel}:${str(m, 'externalId')}` : null;
    const at = Date.parse(str(m, 'occurredAt') ?? '');
    return [
      {
        ...base,
        kind: 'mention-logged' as const,
        at: Number.isFinite(at) ? at : base.recordedAt,
        detail: { channel, note: str(source, 'note') },
        evidence: id ? { kind: 'mention' as const, id } : null,
      },
    ];
  });
}

/**
 * Alerts raised again by other stations (same id: rule, key, window): every op is kept, the
 * alert is its earliest op (DECISIONS.md 3), so the later ones are left off the timeline.
 */
function repeatedAlerts(ops: readonly TimelineOp[]): Set<string> {
  const first = new Map<string, TimelineOp>();
  const later = new Set<string>();
  for (const op of ops) {
    if (op.type !== 'alert.raised') continue;
    const id = str((op.payload ?? {}) as Record<string, unknown>, 'id') ?? op.id;
    const seen = first.get(id);
    if (!seen) first.set(id, op);
    else if (op.hlc < seen.hlc || (op.hlc === seen.hlc && op.id < seen.id)) {
      later.add(seen.id);
      first.set(id, op);
    } else later.add(op.id);
  }
  return later;
}

/**
 * The timeline of a set of ops: their events in the order they happened (then as recorded, then
 * by op id), the earliest statement sent to an audience marked as the first official statement.
 */
export function projectTimeline(
  ops: readonly TimelineOp[],
  /** Events the station derives itself: the staffing level's changes (its fold's record). */
  extra: readonly TimelineEvent[] = [],
  /** Only what happened in this window (the first statement is the window's first). */
  window?: { from: number; to: number },
): TimelineEvent[] {
  const repeated = repeatedAlerts(ops);
  const shown = ops.filter((op) => !repeated.has(op.id));
  const events = [...shown.flatMap(eventsOf), ...extra].filter(
    (e) => !window || (e.at >= window.from && e.at < window.to),
  );
  events.sort(
    (a, b) =>
      a.at - b.at ||
      a.recordedAt - b.recordedAt ||
      (a.opId < b.opId ? -1 : a.opId > b.opId ? 1 : 0),
  );
  const first = events.find((e) => e.kind === 'statement-sent');
  if (first) first.firstStatement = true;
  return events;
}
