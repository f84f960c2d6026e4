import { z } from 'zod';
import { DepartmentSchema, RoleSchema } from '../domain/people';
import { DurationSchema } from './duration';
import { SeveritySchema } from './severity';

/** Ids of playbooks, phases and steps: short, lowercase, stable (runs refer to them). */
const IdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'use lowercase letters, digits and dashes (at most 63)');
const Text = (min: number, max: number) => z.string().trim().min(min).max(max);

/** Who a playbook must keep informed. */
export const AUDIENCES = [
  'customers',
  'press',
  'regulators',
  'employees',
  'partners',
  'investors',
] as const;

/** Roles that may approve a gate: those that can carry the responsibility. */
const GATE_ROLES = ['admin', 'lead', 'approver'] as const;

/**
 * What a playbook does on its own: on entering a phase, on starting a step, or when a step is
 * overdue. Staffing levels and statement proposals are seams finished by later capabilities
 * (DECISIONS.md 20): a run records them, and the staffing and messaging features act on them.
 */
export const ActionSchema = z.discriminatedUnion('do', [
  z.object({ do: z.literal('notify'), role: RoleSchema, message: Text(3, 500) }).strict(),
  z
    .object({ do: z.literal('raise-severity'), by: z.number().int().min(1).max(3).default(1) })
    .strict(),
  z.object({ do: z.literal('reassign'), role: RoleSchema }).strict(),
  z
    .object({ do: z.literal('set-staffing'), level: z.enum(['normal', 'elevated', 'surge']) })
    .strict(),
  z.object({ do: z.literal('propose-statement'), tags: z.array(IdSchema).min(1).max(10) }).strict(),
]);
/** A playbook action. */
export type PlaybookAction = z.output<typeof ActionSchema>;

/** When a run of this playbook is at least this severe: every metric given must be met. */
export const TriggerSchema = z
  .object({
    severity: SeveritySchema,
    /** Mentions per hour on the run's topic or brand. */
    mentionsPerHour: z.number().positive().optional(),
    /** Share of negative mentions in the last hour, 0–1. */
    negativeShare: z.number().min(0).max(1).optional(),
  })
  .strict()
  .refine((t) => t.mentionsPerHour !== undefined || t.negativeShare !== undefined, {
    message: 'a trigger needs mentionsPerHour, negativeShare or both',
  });

/** One thing to do, by whom, by when; maybe behind an approval gate. */
export const StepSchema = z
  .object({
    id: IdSchema,
    title: Text(3, 200),
    detail: Text(1, 2000).optional(),
    owner: RoleSchema,
    department: DepartmentSchema.optional(),
    due: z
      .object({ after: DurationSchema, from: z.enum(['run', 'phase']).default('phase') })
      .strict(),
    /** The run cannot leave the phase until someone with this role approves. */
    gate: z
      .object({ approver: z.enum(GATE_ROLES), what: Text(3, 200) })
      .strict()
      .optional(),
    /** What happens once the step is overdue (plus `grace`), exactly once per deadline. */
    escalation: z
      .object({ grace: DurationSchema.optional(), actions: z.array(ActionSchema).min(1).max(10) })
      .strict()
      .optional(),
    onStart: z.array(ActionSchema).max(10).default([]),
    /** Optional steps do not hold the phase open (a gated one does once someone completes it). */
    optional: z.boolean().default(false),
  })
  .strict();
/** A playbook step. */
export type PlaybookStep = z.output<typeof StepSchema>;

/** A stage of the response (detect, assess, hold, respond, recover, review…). */
export const PhaseSchema = z
  .object({
    id: IdSchema,
    name: Text(2, 100),
    steps: z.array(StepSchema).min(1).max(50),
    onEnter: z.array(ActionSchema).max(10).default([]),
  })
  .strict();
/** A playbook phase. */
export type PlaybookPhase = z.output<typeof PhaseSchema>;

/** A group the run must keep informed, through whom and how. */
export const StakeholderSchema = z
  .object({
    audience: z.enum(AUDIENCES),
    owner: RoleSchema,
    department: DepartmentSchema.optional(),
    channel: Text(2, 100),
    what: Text(3, 300),
  })
  .strict();

/** A playbook as written in resources/playbooks/*.yaml. */
export const PlaybookSchema = z
  .object({
    id: IdSchema,
    name: Text(3, 100),
    summary: Text(10, 1000),
    severity: z
      .object({ default: SeveritySchema, triggers: z.array(TriggerSchema).max(8).default([]) })
      .strict(),
    /** How often status updates go out, by severity. */
    statusUpdates: z
      .object({
        SEV1: DurationSchema,
        SEV2: DurationSchema,
        SEV3: DurationSchema,
        SEV4: DurationSchema,
      })
      .strict(),
    stakeholders: z.array(StakeholderSchema).min(1).max(20),
    phases: z.array(PhaseSchema).min(1).max(12),
  })
  .strict()
  .superRefine((p, ctx) => {
    const phases = new Set<string>();
    const steps = new Set<string>();
    p.phases.forEach((phase, i) => {
      if (phases.has(phase.id))
        ctx.addIssue({
          code: 'custom',
          path: ['phases', i, 'id'],
          message: `phase id "${phase.id}" is used twice`,
        });
      phases.add(phase.id);
      phase.steps.forEach((step, j) => {
        if (steps.has(step.id))
          ctx.addIssue({
            code: 'custom',
            path: ['phases', i, 'steps', j, 'id'],
            message: `step id "${step.id}" is used twice (step ids are unique in a playbook)`,
          });
        steps.add(step.id);
      });
      if (phase.steps.every((s) => s.optional))
        ctx.addIssue({
          code: 'custom',
          path: ['phases', i, 'steps'],
          message: 'a phase needs at least one step that is not optional',
        });
    });
  });
/** A validated playbook. */
export type Playbook = z.output<typeof PlaybookSchema>;
