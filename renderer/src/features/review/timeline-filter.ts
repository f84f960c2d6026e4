import type { TimelineEvent, TimelineKind } from '../../../../shared/analytics/timeline';

/** The kinds of events, in the groups the timeline's filter offers. */
export const KIND_GROUPS = {
  alerts: ['alert'],
  run: [
    'run-started',
    'run-step',
    'gate-approved',
    'phase-advanced',
    'severity',
    'commander',
    'status-update',
    'escalation',
    'run-closed',
  ],
  messages: ['draft', 'approval-asked', 'review', 'statement-sent', 'reply-sent'],
  queue: [
    'mention-logged',
    'claim',
    'collision',
    'assigned',
    'answered',
    'closed',
    'ignored',
    'reopened',
    're-routed',
    'sla-breach',
  ],
  staffing: ['staffing-level', 'staffing-auto', 'check-in', 'check-out'],
  // Ops stored with no effect (DECISIONS.md 2), whatever they were about: a group of their own.
  refused: ['refused'],
} as const satisfies Record<string, readonly TimelineKind[]>;
/** A group of kinds. */
export type KindGroup = keyof typeof KIND_GROUPS;
/** Every group, in the order the filter lists them. */
export const GROUPS = Object.keys(KIND_GROUPS) as KindGroup[];

const GROUP_OF = new Map<TimelineKind, KindGroup>(
  GROUPS.flatMap((g) => (KIND_GROUPS[g] as readonly TimelineKind[]).map((k) => [k, g] as const)),
);
/** The group a kind is in. */
export const groupOf = (kind: TimelineKind): KindGroup => GROUP_OF.get(kind) ?? 'queue';

/** What the timeline shows: groups, one actor or all, words, a time range, only annotated. */
export type TimelineFilter = {
  groups: readonly KindGroup[];
  actor: string | null;
  text: string;
  from: number | null;
  to: number | null;
  annotatedOnly: boolean;
};

/** Everything, the whole window. */
export const ALL_EVENTS: TimelineFilter = {
  groups: GROUPS,
  actor: null,
  text: '',
  from: null,
  to: null,
  annotatedOnly: false,
};

/**
 * The events a filter lets through, in their order. `textOf` gives an event's searchable words
 * (its sentence, actor, annotations, pinned text); `annotated` says whether it has a note.
 */
export function filterTimeline(
  events: readonly TimelineEvent[],
  f: TimelineFilter,
  textOf: (e: TimelineEvent) => string,
  annotated: (e: TimelineEvent) => boolean,
): TimelineEvent[] {
  const groups = new Set(f.groups);
  const words = f.text.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  return events.filter((e) => {
    if (!groups.has(groupOf(e.kind))) return false;
    if (f.actor !== null && e.actor !== f.actor) return false;
    if (f.from !== null && e.at < f.from) return false;
    if (f.to !== null && e.at >= f.to) return false;
    if (f.annotatedOnly && !annotated(e)) return false;
    if (words.length === 0) return true;
    const hay = textOf(e).toLocaleLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

/** How far apart happening and recording must be before the timeline shows both (a minute). */
export const LATE_RECORDING_MS = 60_000;

/** True when an event was recorded noticeably later (or earlier) than it happened. */
export const recordedApart = (e: TimelineEvent) =>
  Math.abs(e.recordedAt - e.at) >= LATE_RECORDING_MS;
