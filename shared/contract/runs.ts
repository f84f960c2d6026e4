import { z } from 'zod';
import type { Mention } from '../domain/mention';
import type { Role } from '../domain/people';
import type { RunContext } from '../playbooks/run-types';
import type { Playbook } from '../playbooks/schema';
import { SeveritySchema, type Severity } from '../playbooks/severity';
import type { Ack } from './common';

/** A playbook of the library, with whether it validates. */
export type PlaybookEntry = {
  id: string | null;
  file: string;
  /** Shipped with Holdline, or imported at this station (which overrides a bundled one by id). */
  source: 'bundled' | 'station';
  name: string | null;
  summary: string | null;
  phases: number;
  steps: number;
  problems: string[];
};

/** A run as lists show it. */
export type RunSummary = {
  id: string;
  playbookId: string;
  playbookName: string;
  /** The phase it is in, or "closed". */
  state: string;
  severity: Severity;
  commanderId: string;
  startedAt: string;
  closedAt: string | null;
  /** The earliest deadline not yet acted on (ISO), or null. */
  nextDue: string | null;
  /** What holds the current phase open: steps not done, gates waiting on a role. */
  blockers: { stepId: string; waitsFor: 'done' | Role }[];
};

/** A run with everything the run board shows. */
export type RunDetail = RunSummary & {
  playbook: Playbook;
  context: RunContext;
  /** What the run was started about: linked mentions, topics, the alert. */
  mentionIds: string[];
  topics: string[];
  alertId: string | null;
};

const RunId = z.string().min(1).max(64);
const Note = z.string().trim().max(2000).optional();

/** run.start: a lead starts a run of a library playbook. */
export const StartRunSchema = z
  .object({
    playbookId: z.string().min(1).max(63),
    severity: SeveritySchema.optional(),
    commanderId: z.string().min(1).max(64).optional(),
    mentionIds: z.array(z.string().min(1).max(64)).max(200).optional(),
    topics: z.array(z.string().trim().min(1).max(100)).max(20).optional(),
    /** The alert this run answers (its mentions come along). */
    alertId: z.string().min(1).max(300).optional(),
  })
  .strict();

/** playbook.import: a playbook's YAML (validated by the station; problems name their lines). */
export const ImportPlaybookSchema = z
  .object({
    yaml: z
      .string()
      .min(1)
      .max(256 * 1024),
  })
  .strict();

/** An alert as the inbox shows it. */
export type AlertView = {
  id: string;
  rule: 'volume-spike' | 'sentiment-shift';
  key: string;
  windowStart: string;
  windowEnd: string;
  count: number;
  baselinePerHour: number;
  ratio: number;
  negativeShare: number;
  suggestedSeverity: Severity;
  sampleRefs: string[];
  /** Stations that raised it. */
  raised: number;
  /** Runs started from it. */
  runIds: string[];
};

/** run.act: one thing done in a run. */
export const RunActSchema = z
  .object({
    runId: RunId,
    /** When it happened, where that was earlier than now (the review orders by it). */
    occurredAt: z.iso.datetime({ offset: true }).optional(),
    action: z.discriminatedUnion('type', [
      z
        .object({
          type: z.enum(['run.step', 'run.approve']),
          stepId: z.string().min(1).max(63),
          note: Note,
        })
        .strict(),
      z.object({ type: z.literal('run.advance') }).strict(),
      z.object({ type: z.literal('run.severity'), severity: SeveritySchema }).strict(),
      z
        .object({ type: z.literal('run.commander'), commanderId: z.string().min(1).max(64) })
        .strict(),
      z.object({ type: z.literal('run.status-update'), note: Note }).strict(),
      z
        .object({ type: z.literal('run.close'), summary: z.string().trim().min(1).max(5000) })
        .strict(),
    ]),
  })
  .strict();

/** Commands of the playbooks domain. */
export type RunsCommands = {
  'playbook.list': (input: Record<string, never>, ack: Ack<{ playbooks: PlaybookEntry[] }>) => void;
  'run.list': (input: Record<string, never>, ack: Ack<{ runs: RunSummary[] }>) => void;
  'run.get': (input: { runId: string }, ack: Ack<{ run: RunDetail }>) => void;
  'run.start': (input: z.input<typeof StartRunSchema>, ack: Ack<{ run: RunDetail }>) => void;
  'run.act': (input: z.input<typeof RunActSchema>, ack: Ack<{ run: RunDetail }>) => void;
  'alert.list': (input: Record<string, never>, ack: Ack<{ alerts: AlertView[] }>) => void;
  'alert.mentions': (input: { alertId: string }, ack: Ack<{ mentions: Mention[] }>) => void;
  'playbook.get': (input: { playbookId: string }, ack: Ack<{ yaml: string; name: string }>) => void;
  'playbook.import': (input: { yaml: string }, ack: Ack<{ playbook: PlaybookEntry }>) => void;
};

/** Events of the playbooks domain. */
export type RunsEvents = {
  /** Runs whose state changed (on this desk's station or from a peer). */
  'run.changed': (runs: RunSummary[]) => void;
  /** Alerts were raised (here or at a peer). */
  'alert.changed': () => void;
};
