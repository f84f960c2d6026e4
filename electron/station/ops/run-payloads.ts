import { z } from 'zod';
import { SeveritySchema } from '../../../shared/playbooks/severity';

const RunId = z.string().min(1).max(64);
const StepId = z.string().min(1).max(63);
const Note = z.string().trim().max(2000).optional();
/** When it happened, where that differs from when it was recorded (DECISIONS.md 5). */
const OccurredAt = z.iso.datetime({ offset: true }).optional();

/**
 * run.start v1: a run of a playbook. The playbook's YAML travels in the op, so every station runs
 * the same version whatever its own library holds; `version` is the SHA-256 of that text.
 */
export const RunStartV1 = z.object({
  runId: RunId,
  playbook: z.object({
    id: z.string().min(1).max(63),
    version: z.string().regex(/^[0-9a-f]{64}$/),
    yaml: z
      .string()
      .min(1)
      .max(256 * 1024),
  }),
  severity: SeveritySchema.optional(),
  commanderId: z.string().min(1).max(64),
  /** Mentions and topics that started it (an alert's, or picked by hand). */
  mentionIds: z.array(z.string().min(1).max(64)).max(200).default([]),
  topics: z.array(z.string().trim().min(1).max(100)).max(20).default([]),
  alertId: z.string().min(1).max(64).optional(),
  occurredAt: OccurredAt,
});

/** run.step / run.approve v1: a step checked off, or a gate approved, with a note. */
export const RunStepV1 = z.object({ stepId: StepId, note: Note, occurredAt: OccurredAt });
/** run.advance v1: a lead moves the run to its next phase. */
export const RunAdvanceV1 = z.object({ occurredAt: OccurredAt });
/** run.severity v1. */
export const RunSeverityV1 = z.object({ severity: SeveritySchema, occurredAt: OccurredAt });
/** run.commander v1: the incident commander changes (the history of them stays in the log). */
export const RunCommanderV1 = z.object({
  commanderId: z.string().min(1).max(64),
  occurredAt: OccurredAt,
});
/** run.status-update v1: a status update went out to stakeholders. */
export const RunStatusUpdateV1 = z.object({ note: Note, occurredAt: OccurredAt });
/** run.close v1: the run ends with a summary. */
export const RunCloseV1 = z.object({
  summary: z.string().trim().min(1).max(5000),
  occurredAt: OccurredAt,
});
/**
 * timer.fired v1: a run's deadline came due (emitted by a station's scheduler). Two stations may
 * both emit it: both ops stay, and the effect happens once (DECISIONS.md 3).
 */
export const TimerFiredV1 = z.object({
  key: z.string().min(1).max(100),
  dueAt: z.number().int().nonnegative(),
});

/** Payload schemas of run ops, by type and version (merged into PAYLOADS). */
export const RUN_PAYLOADS: Record<string, Record<number, z.ZodType>> = {
  'run.start': { 1: RunStartV1 },
  'run.step': { 1: RunStepV1 },
  'run.approve': { 1: RunStepV1 },
  'run.advance': { 1: RunAdvanceV1 },
  'run.severity': { 1: RunSeverityV1 },
  'run.commander': { 1: RunCommanderV1 },
  'run.status-update': { 1: RunStatusUpdateV1 },
  'run.close': { 1: RunCloseV1 },
  'timer.fired': { 1: TimerFiredV1 },
};

/** Op types about a run (their subject is the run id). */
export const RUN_OPS = Object.keys(RUN_PAYLOADS);
