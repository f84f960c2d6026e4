import type { Department } from '../domain/people';
import type { Overflow } from './routing-schema';

/**
 * Assignment (issue "Routing and assignment", DECISIONS.md 10): push the next mention to the
 * least-loaded available operator checked in for its department who has every skill it needs
 * and room under their capacity. Skills are never relaxed. When nobody fits, the mention waits
 * in its department's queue; if the rules file gives that department an `overflow`, after
 * `afterSeconds` of waiting the overflow department's operators may take it too (one hop, no
 * chains; the mention keeps its own department). Only one station assigns at a time, so these
 * functions see every open claim.
 */

/** What a mention needs from whoever takes it. */
export type Requirement = {
  department: Department;
  skills: readonly string[];
  priority: number;
};

/** An operator as assignment sees them. */
export type Candidate = {
  id: string;
  /** The departments they are checked in for this shift. */
  departments: readonly Department[];
  skills: readonly string[];
  /** Most open claims they may hold at once. */
  capacity: number;
  /** Open claims they hold now. */
  load: number;
  /** Checked in, not on a break and not idle past the limit. */
  available: boolean;
  /** When they were last given a mention (ms since the epoch), null if never. */
  lastAssignedAt: number | null;
};

/** True when `op` may take a mention of `department` needing `skills` right now. */
export function canTake(op: Candidate, department: Department, skills: readonly string[]): boolean {
  return (
    op.available &&
    op.load < op.capacity &&
    op.departments.includes(department) &&
    skills.every((s) => op.skills.includes(s))
  );
}

/** Orders candidates: fewer open claims, then lower load ratio, then longest since last given one, then id. */
export function comparePreference(a: Candidate, b: Candidate): number {
  return (
    a.load - b.load ||
    a.load / a.capacity - b.load / b.capacity ||
    (a.lastAssignedAt ?? -Infinity) - (b.lastAssignedAt ?? -Infinity) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** The operator who should take a mention with this requirement, or null (it waits). */
export function chooseAssignee<T extends Candidate>(
  need: Pick<Requirement, 'department' | 'skills'>,
  operators: readonly T[],
): T | null {
  let best: T | null = null;
  for (const op of operators)
    if (canTake(op, need.department, need.skills) && (!best || comparePreference(op, best) < 0))
      best = op;
  return best;
}

/** The department whose operators may also take a mention that has waited `waitedMs`, or null. */
export function overflowFor(
  department: Department,
  waitedMs: number,
  overflow: readonly Overflow[],
): Department | null {
  const o = overflow.find((x) => x.from === department);
  return o && waitedMs >= o.afterSeconds * 1000 ? o.to : null;
}

/** A mention waiting for an operator. */
export type QueuedMention = Requirement & {
  id: string;
  /** When it started waiting (ms since the epoch). */
  queuedAt: number;
};

/** One mention given to one operator; `department` is whose operator took it. */
export type Assignment = {
  mentionId: string;
  operatorId: string;
  department: Department;
  overflow: boolean;
};

/**
 * Assigns as many waiting mentions as capacity allows, highest priority first and oldest first
 * within a priority, each to the operator `chooseAssignee` picks as loads grow. No mention is
 * given twice (a repeated id is skipped) and nobody goes past their capacity.
 */
export function assignBatch(
  mentions: readonly QueuedMention[],
  operators: readonly Candidate[],
  options: { now: number; overflow?: readonly Overflow[] },
): { assignments: Assignment[]; waiting: string[] } {
  // Copies, so loads can grow; a repeated operator id counts once (its capacity is not doubled).
  const ops = [...new Map(operators.map((op) => [op.id, op])).values()].map((op) => ({ ...op }));
  const order = [...mentions].sort(
    (a, b) =>
      b.priority - a.priority ||
      a.queuedAt - b.queuedAt ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const seen = new Set<string>();
  const assignments: Assignment[] = [];
  const waiting: string[] = [];
  for (const m of order) {
    if (seen.has(m.id)) continue;
    seen.add(m.id);
    let department = m.department;
    let op = chooseAssignee(m, ops);
    const spill = op
      ? null
      : overflowFor(m.department, options.now - m.queuedAt, options.overflow ?? []);
    if (spill) {
      department = spill;
      op = chooseAssignee({ department: spill, skills: m.skills }, ops);
    }
    if (!op) {
      waiting.push(m.id);
      continue;
    }
    op.load += 1;
    op.lastAssignedAt = options.now;
    assignments.push({ mentionId: m.id, operatorId: op.id, department, overflow: spill !== null });
  }
  return { assignments, waiting };
}
