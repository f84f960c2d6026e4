import { assign, setup } from 'xstate';
import type { Playbook } from './schema';
import type { RunContext, RunEvent, RunInput } from './run-types';
import {
  approveGate,
  blockers,
  canApprove,
  completeStep,
  enterPhase,
  fireTimer,
  initialContext,
  setSeverity,
  statusUpdated,
} from './run-logic';

type Of<T extends RunEvent['type']> = Extract<RunEvent, { type: T }>;

/** Who may move a run on, change its severity or commander, or close it. */
const LEADS = new Set(['admin', 'lead']);

/**
 * Compiles a playbook to an XState v5 machine: one state per phase, in order, then `closed`.
 * Steps are completed in any order (a team does things early), gates wait for their approver's
 * role, and a phase is left only by PHASE.ADVANCE once nothing holds it open. Deadlines are data
 * (context.deadlines): the machine has no `after`, because a restored actor never fires one — the
 * station's scheduler feeds TIMER.FIRED when a deadline is due, and each acts once.
 */
export function compilePlaybook(pb: Playbook) {
  const last = pb.phases.length - 1;
  const machine = setup({
    types: {
      context: {} as RunContext,
      events: {} as RunEvent,
      input: {} as RunInput,
    },
    guards: {
      stepOpen: ({ context, event }) =>
        (event as Of<'STEP.COMPLETE'>).stepId in context.steps &&
        !context.steps[(event as Of<'STEP.COMPLETE'>).stepId]?.done,
      mayApprove: ({ context, event }) => canApprove(pb, context, event as Of<'GATE.APPROVE'>),
      phaseClear: ({ context, event }) =>
        LEADS.has((event as Of<'PHASE.ADVANCE'>).actor.role) && blockers(pb, context).length === 0,
      byLead: ({ event }) => 'actor' in event && LEADS.has(event.actor.role),
      lastPhaseClear: ({ context, event }) =>
        context.phaseIndex === last &&
        LEADS.has((event as Of<'RUN.CLOSE'>).actor.role) &&
        blockers(pb, context).length === 0,
    },
    actions: {
      completeStep: assign(({ context, event }) =>
        completeStep(context, event as Of<'STEP.COMPLETE'>),
      ),
      approveGate: assign(({ context, event }) =>
        approveGate(context, event as Of<'GATE.APPROVE'>),
      ),
      fireTimer: assign(({ context, event }) => fireTimer(pb, context, event as Of<'TIMER.FIRED'>)),
      setSeverity: assign(({ context, event }) => {
        const e = event as Of<'SEVERITY.SET'>;
        return setSeverity(pb, context, e.severity, e.at);
      }),
      setCommander: assign(({ context, event }) => {
        const e = event as Of<'COMMANDER.SET'>;
        if (e.commanderId === context.commanderId) return {};
        return {
          commanderId: e.commanderId,
          commanders: [...context.commanders, { id: e.commanderId, since: e.at, by: e.actor.id }],
        };
      }),
      statusUpdated: assign(({ context, event }) =>
        statusUpdated(pb, context, (event as Of<'STATUS.UPDATE'>).at),
      ),
      close: assign(({ event }) => {
        const e = event as Of<'RUN.CLOSE'>;
        return { closed: { at: e.at, by: e.actor.id, summary: e.summary }, deadlines: {} };
      }),
    },
  }).createMachine({
    id: `playbook-${pb.id}`,
    context: ({ input }) => enterPhase(pb, initialContext(pb, input), 0, input.startedAt),
    initial: pb.phases[0]?.id ?? 'closed',
    on: {
      'STEP.COMPLETE': { guard: 'stepOpen', actions: 'completeStep' },
      'GATE.APPROVE': { guard: 'mayApprove', actions: 'approveGate' },
      'TIMER.FIRED': { actions: 'fireTimer' },
      'SEVERITY.SET': { guard: 'byLead', actions: 'setSeverity' },
      'COMMANDER.SET': { guard: 'byLead', actions: 'setCommander' },
      'STATUS.UPDATE': { actions: 'statusUpdated' },
    },
    states: {
      ...Object.fromEntries(
        pb.phases.map((phase, i) => [
          phase.id,
          {
            on:
              i < last
                ? {
                    'PHASE.ADVANCE': {
                      guard: 'phaseClear',
                      target: pb.phases[i + 1]?.id as string,
                      actions: assign(({ context, event }) =>
                        enterPhase(pb, context, i + 1, (event as Of<'PHASE.ADVANCE'>).at),
                      ),
                    },
                  }
                : { 'RUN.CLOSE': { guard: 'lastPhaseClear', target: 'closed', actions: 'close' } },
          },
        ]),
      ),
      closed: { type: 'final' },
    },
  });
  return machine;
}

/** The machine type of a compiled playbook. */
export type RunMachine = ReturnType<typeof compilePlaybook>;
