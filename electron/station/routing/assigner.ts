import type { StationCore } from '../core/core';
import type { Applied } from '../ops/apply';
import { SYSTEM_ACTOR, type OpDraft } from '../ops/op';
import type { MentionAssign } from '../ops/routing-payloads';
import { checkedInOperators } from '../db/queries/roster';
import { waitingMentions } from '../db/queries/assignment';
import {
  connectedPeers,
  decidingStation,
  type DecidingJobOptions,
} from '../staffing/deciding-station';
import { oneAtATime } from '../scheduler/one-at-a-time';
import { overflowInForce } from './rules-service';
import { assignBatch, type Assignment, type Candidate } from '../../../shared/routing/assignment';
import { DEFAULT_LEASE_MS } from '../../../shared/domain/mention-state';
import type { Department } from '../../../shared/domain/people';

// A burst of changes (an import's commits, a catch-up) is looked at once, this long after it
// starts; and the queue is looked at this often anyway, for overflow waits that come due.
const SETTLE_MS = 25;
const EVERY_MS = 5_000;
// Waiting mentions read per pass, beyond the free places: room for those no one can take yet.
const SPARE = 200;

/** What the assigner needs from its surroundings (tests give their own). */
export type AssignerOptions = DecidingJobOptions;

/**
 * Pushes waiting mentions to checked-in operators (issue "Surge staffing", DECISIONS.md 10): on
 * the deciding station only, each pass gives the highest-priority, longest-waiting mentions to
 * the least-loaded operator of their department with the skills they need and room under their
 * capacity (shared/routing/assignment.ts), as `mention.assign` ops — a claim made for the
 * operator, folded like any claim, so an operator's own claim that got there first wins and the
 * merge after a partition flags the collision. Operators who did not check in are never pushed
 * anything; they work the queue by hand.
 */
export function startAssigner(
  core: StationCore,
  opts: AssignerOptions = {},
): { stop(): void; pass(): Promise<Assignment[]> } {
  const now = opts.now ?? Date.now;
  const peers = opts.peers ?? (() => connectedPeers(core));
  const lastGiven = new Map<string, number>();
  const pass = oneAtATime(async (): Promise<Assignment[]> => {
    if (decidingStation(core.stationId, peers()) !== core.stationId) return [];
    const on = await checkedInOperators(core.read);
    const operators: Candidate[] = on
      .filter((o): o is typeof o & { department: Department } => o.department !== null)
      .map((o) => ({
        id: o.operatorId,
        departments: [o.department],
        skills: o.skills,
        capacity: o.capacity,
        load: o.load,
        available: true,
        lastAssignedAt: lastGiven.get(o.operatorId) ?? null,
      }));
    const free = operators.reduce((n, o) => n + Math.max(0, o.capacity - o.load), 0);
    if (free === 0) return [];
    const waiting = await waitingMentions(core.read, free + SPARE);
    if (waiting.length === 0) return [];
    const at = now();
    const overflow = await overflowInForce(core.read);
    const { assignments } = assignBatch(waiting, operators, { now: at, overflow });
    // A closed room is read-only: nothing is handed out.
    if (assignments.length === 0 || core.closedRoom) return [];
    await core.commit(assignments.map(assignDraft));
    for (const a of assignments) lastGiven.set(a.operatorId, at);
    return assignments;
  });

  let soon: NodeJS.Timeout | null = null;
  const run = () => {
    soon = null;
    pass().catch((err: unknown) => console.error('[assign] a pass failed:', err));
  };
  const onApplied = (a: Applied) => {
    // Its own assignments change nothing a pass would act on.
    if (a.ops.every((o) => o.type === 'mention.assign')) return;
    soon ??= setTimeout(run, SETTLE_MS);
  };
  core.on('applied', onApplied);
  const timer = setInterval(run, opts.everyMs ?? EVERY_MS);
  timer.unref();
  return {
    stop: () => {
      core.off('applied', onApplied);
      clearInterval(timer);
      if (soon) clearTimeout(soon);
    },
    pass,
  };
}

function assignDraft(a: Assignment): OpDraft {
  const payload: MentionAssign = {
    operator: a.operatorId,
    department: a.department,
    overflow: a.overflow,
    leaseMs: DEFAULT_LEASE_MS,
  };
  return { type: 'mention.assign', v: 1, actor: SYSTEM_ACTOR, subject: a.mentionId, payload };
}
