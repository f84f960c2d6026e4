import { z } from 'zod';
import type { Ack } from './common';

/** Fastest replay: a week of mentions in about six seconds (a check of the pipeline, not a rehearsal). */
export const MAX_DRILL_SPEED = 100_000;
/** Most records one drill holds in memory (the airline file has 14,640). */
export const MAX_DRILL_RECORDS = 2_000_000;

const Speed = z.coerce.number().min(0.1).max(MAX_DRILL_SPEED);

/** Query string of POST /api/drill: how to read the file and how fast to replay it. */
export const DrillRequestSchema = z.object({
  preset: z.string().max(64).optional(),
  format: z.enum(['csv', 'jsonl']).optional(),
  filename: z.string().max(256).optional(),
  /** File time per wall time: 60 replays an hour of the file in a minute. */
  speed: Speed.default(1),
});

/** A drill replay as every desk of the drill room sees it. */
export type DrillStatus = {
  id: string;
  file: string;
  speed: number;
  state: 'running' | 'paused' | 'done' | 'stopped';
  /** Records read from the file (bad rows are counted apart). */
  total: number;
  replayed: number;
  badRows: number;
  /** The file's first and last mention times, and where the replay is (file time, ISO). */
  fileFrom: string;
  fileTo: string;
  fileNow: string;
  startedBy: string;
  startedAt: string;
};

/** drill.control: pause, resume, stop, or change speed. */
export const DrillControlSchema = z
  .object({
    action: z.enum(['pause', 'resume', 'stop', 'speed']),
    speed: Speed.optional(),
  })
  .strict()
  .refine((c) => c.action !== 'speed' || c.speed !== undefined, 'say which speed');

/** Commands of drills. */
export type DrillsCommands = {
  'drill.status': (input: Record<string, never>, ack: Ack<{ drill: DrillStatus | null }>) => void;
  'drill.control': (
    input: z.input<typeof DrillControlSchema>,
    ack: Ack<{ drill: DrillStatus }>,
  ) => void;
};

/** Events of drills. */
export type DrillsEvents = {
  /** The replay moved on, paused, resumed, changed speed or ended (about once a second). */
  'drill.progress': (drill: DrillStatus) => void;
};
