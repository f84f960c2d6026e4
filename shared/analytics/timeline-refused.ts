/**
 * Refused ops on the review's timeline (DECISIONS.md 2): an op that was stored but had no effect
 * (an approval by someone without the area, a send without its approvals, a step on a closed
 * run) shows as refused, with the reason its station's fold recorded — except the refusals that
 * are only bookkeeping.
 */
import type { Evidence, TimelineEvent, TimelineOp } from './timeline';

/**
 * Refusals that are bookkeeping, not something anyone did wrong: where stations may each emit
 * "the same" scheduler op, the effect is collapsed and the other ops are refused (DECISIONS.md
 * 3). Keyed by op type, with the reasons their folds give for exactly that; any other reason for
 * the same op type still shows.
 */
export const BOOKKEEPING_REFUSALS: Readonly<Record<string, readonly string[]>> = {
  // ops/reducers/runs.ts: a second station's timer for a deadline already acted on, or a timer
  // that crossed the step being done in time.
  'timer.fired': ['the deadline had already been met or acted on'],
  // shared/domain/mention-state.ts: the lease had already ended (released, answered, expired by
  // another station's scheduler).
  'claim.expired': ['that claim is no longer held'],
  // ops/reducers/routing.ts: a second station's breach, or one from a station that had not yet
  // seen the answer that came in time.
  'sla.breached': ['already breached', 'answered before it was due'],
};

/** True when a refused op is bookkeeping only (see BOOKKEEPING_REFUSALS). */
export const isBookkeepingRefusal = (op: Pick<TimelineOp, 'type' | 'reason'>): boolean =>
  op.reason !== null && (BOOKKEEPING_REFUSALS[op.type]?.includes(op.reason) ?? false);

const MENTION_OPS = new Set(['claim.expired', 'sla.breached']);

/** What a refused op was about, to open it: its mention, message or run (null: none of those). */
function evidenceOf(op: TimelineOp, p: Record<string, unknown>): Evidence | null {
  if (op.type.startsWith('run.') || op.type === 'timer.fired') {
    const runId = typeof p.runId === 'string' ? p.runId : op.subject;
    return runId ? { kind: 'run', id: runId } : null;
  }
  if (!op.subject) return null;
  if (op.type.startsWith('mention.') || MENTION_OPS.has(op.type))
    return { kind: 'mention', id: op.subject };
  if (op.type.startsWith('message.')) return { kind: 'message', id: op.subject };
  return null;
}

/**
 * The `refused` event of an op that had no effect, or none when the refusal is bookkeeping.
 * Detail: `op` (the refused op's type), `reason`, and what the sentence needs to say which
 * approval or step it was (`area`, `decision`, `step`), when the op has them.
 */
export function refusedEvents(op: TimelineOp, recordedAt: number): TimelineEvent[] {
  if (isBookkeepingRefusal(op)) return [];
  const p = (op.payload ?? {}) as Record<string, unknown>;
  const detail: TimelineEvent['detail'] = { op: op.type, reason: op.reason ?? null };
  for (const [key, field] of [
    ['area', 'area'],
    ['decision', 'decision'],
    ['step', 'stepId'],
  ] as const)
    if (typeof p[field] === 'string') detail[key] = p[field];
  const occurred = typeof p.occurredAt === 'string' ? Date.parse(p.occurredAt) : NaN;
  return [
    {
      opId: op.id,
      kind: 'refused',
      // Reviews order by occurredAt ?? hlc (DECISIONS.md 5).
      at: Number.isFinite(occurred) ? occurred : recordedAt,
      recordedAt,
      actor: op.actor,
      detail,
      evidence: evidenceOf(op, p),
      firstStatement: false,
    },
  ];
}
