import type { Role } from '../domain/people';
import type { PlaybookAction } from './schema';
import type { Severity } from './severity';

/** Who did something in a run, with the role they held then. */
export type RunActor = { id: string; role: Role };

/** Every event a run's machine takes; `at` is when it happened (ms), not when it was recorded. */
export type RunEvent =
  | { type: 'STEP.COMPLETE'; at: number; actor: RunActor; stepId: string; note?: string }
  | { type: 'GATE.APPROVE'; at: number; actor: RunActor; stepId: string; note?: string }
  | { type: 'PHASE.ADVANCE'; at: number; actor: RunActor }
  | { type: 'SEVERITY.SET'; at: number; actor: RunActor; severity: Severity }
  | { type: 'COMMANDER.SET'; at: number; actor: RunActor; commanderId: string }
  | { type: 'STATUS.UPDATE'; at: number; actor: RunActor; note?: string }
  | { type: 'TIMER.FIRED'; at: number; key: string; dueAt: number }
  | { type: 'RUN.CLOSE'; at: number; actor: RunActor; summary: string };

/** How a run starts. */
export type RunInput = {
  runId: string;
  startedAt: number;
  startedBy: RunActor;
  commanderId: string;
  severity?: Severity;
};

/** Something the playbook did by itself, for the timeline and for the features that act on it. */
export type FiredAction = { at: number; because: string; action: PlaybookAction };

/** Where one step stands. */
export type StepState = {
  done: { by: string; at: number; note?: string } | null;
  approved: { by: string; role: Role; at: number; note?: string } | null;
  /** Who it falls to now (the playbook's owner, or whom an escalation reassigned it to). */
  owner: Role;
};

/** A run's state: what every desk shows, derived from the run's events alone. */
export type RunContext = {
  runId: string;
  playbookId: string;
  startedAt: number;
  severity: Severity;
  commanderId: string;
  /** Every incident commander the run has had, from when (the first is the one it started with). */
  commanders: { id: string; since: number; by: string }[];
  phaseIndex: number;
  phaseEnteredAt: number;
  steps: Record<string, StepState>;
  /** Deadlines the scheduler watches, by key (`step:<id>`, `status-update`): due time in ms. */
  deadlines: Record<string, number>;
  /** Deadlines already acted on (`key@dueAt`), so a repeated timer.fired acts once. */
  fired: string[];
  actions: FiredAction[];
  lastStatusUpdateAt: number;
  closed: { at: number; by: string; summary: string } | null;
};
