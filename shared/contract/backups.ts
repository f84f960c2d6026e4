import { z } from 'zod';
import { DurationSchema } from '../playbooks/duration';
import type { Ack } from './common';

// An absolute path on the station's machine: /… on Linux and macOS, C:\… or \\server\… on Windows.
const AbsoluteFolder = z
  .string()
  .trim()
  .min(1)
  .max(1000)
  .regex(
    /^(\/|[A-Za-z]:[\\/]|\\\\)/,
    'give the full path of a folder (e.g. /srv/holdline-backups)',
  );

/**
 * Scheduled backups of one station: local to that desk (backup.yaml in its data folder), never
 * replicated. `every` is a duration (`30m`, `6h`, `1d`); retention keeps a backup that is among
 * the last `keepLast` or younger than `keepDays` days (either or both; neither keeps all).
 */
export const BackupSettingsSchema = z
  .object({
    enabled: z.boolean().default(true),
    folder: AbsoluteFolder,
    every: z
      .string()
      .trim()
      .refine((s) => DurationSchema.safeParse(s).success, 'write a duration like 30m, 6h or 1d')
      .refine(
        (s) => (DurationSchema.safeParse(s).data ?? 0) >= 60_000,
        'back up at most once a minute',
      ),
    keepLast: z.number().int().min(1).max(10_000).optional(),
    keepDays: z.number().int().min(1).max(3650).optional(),
  })
  .strict();
/** Scheduled backup settings as stored and as a desk sends them. */
export type BackupSettings = z.infer<typeof BackupSettingsSchema>;

/** One backup as desks see it. */
export type BackupTakenView = {
  at: string;
  file: string;
  bytes: number;
  ops: number;
  ms: number;
  /** Who asked for it; null or absent: the schedule. */
  by?: string | null | undefined;
};

/** Scheduled backups of this station: settings, the last result each way, and the next run. */
export type BackupStatusView = {
  /** Null until an admin configures them. */
  settings: BackupSettings | null;
  /** What is wrong with backup.yaml as it is on disk (the station then takes none). */
  problem: string | null;
  lastSuccess: BackupTakenView | null;
  lastFailure: { at: string; message: string } | null;
  /** When the next scheduled backup is due (ISO 8601); null when none is scheduled. */
  next: string | null;
  running: boolean;
  /** Backups of this station now kept in the folder. */
  kept: number;
  /** Who last changed the schedule, and when. */
  settingsChanged: { by: string; at: string } | null;
};

/** Backup commands on /desk (admins only). */
export type BackupsCommands = {
  'backup.status': (input: Record<string, never>, ack: Ack<BackupStatusView>) => void;
  'backup.configure': (
    input: z.input<typeof BackupSettingsSchema>,
    ack: Ack<BackupStatusView>,
  ) => void;
  'backup.now': (
    input: Record<string, never>,
    ack: Ack<{ backup: BackupTakenView; status: BackupStatusView }>,
  ) => void;
};
