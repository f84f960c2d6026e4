import type { Role } from '../domain/people';
import type { Playbook, PlaybookAction, PlaybookStep } from './schema';
import { raiseSeverity, type Severity } from './severity';
import type { FiredAction, RunContext, RunEvent, RunInput } from './run-types';

// Pure steps of a run, used by the machine's actions and guards (compile-playbook.ts).

type Of<T extends RunEvent['type']> = Extract<RunEvent, { type: T }>;

/** Roles that satisfy a gate naming `role`: that role, and the admin. */
export function mayApprove(gateRole: Role, actorRole: Role): boolean {
  return actorRole === gateRole || actorRole === 'admin';
}

/** The step with this id, and the index of its phase. */
export function findStep(
  pb: Playbook,
  stepId: string,
): { step: PlaybookStep; phase: number } | null {
  for (const [phase, p] of pb.phases.entries()) {
    const step = p.steps.find((s) => s.id === stepId);
    if (step) return { step, phase };
  }
  return null;
}

/** A run as it stands the moment it starts (before its first phase is entered). */
export function initialContext(pb: Playbook, input: RunInput): RunContext {
  const steps: RunContext['steps'] = {};
  for (const phase of pb.phases)
    for (const s of phase.steps) steps[s.id] = { done: null, approved: null, owner: s.owner };
  const severity = input.severity ?? pb.severity.default;
  return {
    runId: input.runId,
    playbookId: pb.id,
    startedAt: input.startedAt,
    severity,
    commanderId: input.commanderId,
    commanders: [{ id: input.commanderId, since: input.startedAt, by: input.startedBy.id }],
    phaseIndex: 0,
    phaseEnteredAt: input.startedAt,
    steps,
    deadlines: { 'status-update': input.startedAt + pb.statusUpdates[severity] },
    fired: [],
    actions: [],
    lastStatusUpdateAt: input.startedAt,
    closed: null,
  };
}

const fire = (at: number, because: string, actions: readonly PlaybookAction[]): FiredAction[] =>
  actions.map((action) => ({ at, because, action }));

/** Enters phase `index` at `at`: its steps' deadlines start, its entry actions fire. */
export function enterPhase(pb: Playbook, ctx: RunContext, index: number, at: number): RunContext {
  const phase = pb.phases[index];
  if (!phase) return ctx;
  const deadlines = { ...ctx.deadlines };
  const actions = [...ctx.actions, ...fire(at, `phase:${phase.id}`, phase.onEnter)];
  for (const s of phase.steps) {
    if (ctx.steps[s.id]?.done) continue;
    // The deadline acted on is the due time plus the escalation's grace (if any).
    deadlines[`step:${s.id}`] =
      (s.due.from === 'run' ? ctx.startedAt : at) + s.due.after + (s.escalation?.grace ?? 0);
    actions.push(...fire(at, `step:${s.id}`, s.onStart));
  }
  let next: RunContext = { ...ctx, phaseIndex: index, phaseEnteredAt: at, deadlines, actions };
  for (const a of phase.onEnter) next = applyOwnEffect(pb, next, a, at);
  return next;
}

/** Records a step as done (the first completion counts; later ones change nothing). */
export function completeStep(ctx: RunContext, e: Of<'STEP.COMPLETE'>): RunContext {
  const step = ctx.steps[e.stepId];
  if (!step || step.done) return ctx;
  const deadlines = { ...ctx.deadlines };
  delete deadlines[`step:${e.stepId}`];
  return {
    ...ctx,
    deadlines,
    steps: {
      ...ctx.steps,
      [e.stepId]: {
        ...step,
        done: { by: e.actor.id, at: e.at, ...(e.note !== undefined && { note: e.note }) },
      },
    },
  };
}

/** True when `e` may approve its step's gate. */
export function canApprove(pb: Playbook, ctx: RunContext, e: Of<'GATE.APPROVE'>): boolean {
  const found = findStep(pb, e.stepId);
  return Boolean(
    found?.step.gate &&
    !ctx.steps[e.stepId]?.approved &&
    mayApprove(found.step.gate.approver, e.actor.role),
  );
}

/** Records a gate's approval. */
export function approveGate(ctx: RunContext, e: Of<'GATE.APPROVE'>): RunContext {
  const step = ctx.steps[e.stepId];
  if (!step) return ctx;
  const approved = {
    by: e.actor.id,
    role: e.actor.role,
    at: e.at,
    ...(e.note !== undefined && { note: e.note }),
  };
  return { ...ctx, steps: { ...ctx.steps, [e.stepId]: { ...step, approved } } };
}

/** What still holds the current phase open: steps not done, gates not approved. */
export function blockers(
  pb: Playbook,
  ctx: RunContext,
): { stepId: string; waitsFor: 'done' | Role }[] {
  const phase = pb.phases[ctx.phaseIndex];
  if (!phase) return [];
  const out: { stepId: string; waitsFor: 'done' | Role }[] = [];
  for (const s of phase.steps) {
    const st = ctx.steps[s.id];
    if (s.optional && !s.gate) continue;
    if (!s.optional && !st?.done) out.push({ stepId: s.id, waitsFor: 'done' });
    else if (s.gate && st?.done && !st.approved)
      out.push({ stepId: s.id, waitsFor: s.gate.approver });
  }
  return out;
}

/** A deadline came due: act on it once (per key and due time), if it still stands. */
export function fireTimer(pb: Playbook, ctx: RunContext, e: Of<'TIMER.FIRED'>): RunContext {
  const mark = `${e.key}@${e.dueAt}`;
  if (ctx.fired.includes(mark) || ctx.deadlines[e.key] !== e.dueAt) return ctx;
  let next: RunContext = { ...ctx, fired: [...ctx.fired, mark] };
  if (e.key === 'status-update') {
    const commander = {
      do: 'notify',
      role: 'lead',
      message: 'A status update is due to every stakeholder',
    } as const;
    return { ...next, actions: [...next.actions, ...fire(e.at, 'status-update', [commander])] };
  }
  const stepId = e.key.replace(/^step:/, '');
  const step = findStep(pb, stepId)?.step;
  if (!step?.escalation || next.steps[stepId]?.done) return next;
  next = {
    ...next,
    actions: [...next.actions, ...fire(e.at, `overdue:${stepId}`, step.escalation.actions)],
  };
  for (const a of step.escalation.actions) next = applyOwnEffect(pb, next, a, e.at, stepId);
  return next;
}

/** Effects an action has on the run itself (severity, owner); the rest is for other features. */
function applyOwnEffect(
  pb: Playbook,
  ctx: RunContext,
  a: PlaybookAction,
  at: number,
  stepId?: string,
): RunContext {
  if (a.do === 'raise-severity') return setSeverity(pb, ctx, raiseSeverity(ctx.severity, a.by), at);
  if (a.do === 'reassign' && stepId && ctx.steps[stepId])
    return {
      ...ctx,
      steps: {
        ...ctx.steps,
        [stepId]: { ...(ctx.steps[stepId] as RunContext['steps'][string]), owner: a.role },
      },
    };
  return ctx;
}

/** Changes the severity; the status-update cadence follows it from the last update. */
export function setSeverity(
  pb: Playbook,
  ctx: RunContext,
  severity: Severity,
  _at: number,
): RunContext {
  if (severity === ctx.severity) return ctx;
  return {
    ...ctx,
    severity,
    deadlines: {
      ...ctx.deadlines,
      'status-update': ctx.lastStatusUpdateAt + pb.statusUpdates[severity],
    },
  };
}

/** A status update went out: the next one is due a cadence later. */
export function statusUpdated(pb: Playbook, ctx: RunContext, at: number): RunContext {
  return {
    ...ctx,
    lastStatusUpdateAt: at,
    deadlines: { ...ctx.deadlines, 'status-update': at + pb.statusUpdates[ctx.severity] },
  };
}
