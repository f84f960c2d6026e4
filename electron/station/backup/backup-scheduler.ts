import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { BackupSettings, BackupStatusView } from '../../../shared/contract/backups';
import type { StationCore } from '../core/core';
import { oneAtATime } from '../scheduler/one-at-a-time';
import { scheduledBackupName } from './backup-names';
import { readBackupSettings, writeBackupSettings } from './backup-settings';
import { readBackupRecord, writeBackupRecord } from './backup-status';
import { backupStatusOf, keptBackups, nextDue } from './backup-view';
import { backupsToRemove } from './retention';
import { takeBackup, type BackupSummary } from './take-backup';

// How often the scheduler looks whether a backup is due (settings are reread each time, so a
// hand edit of backup.yaml takes effect within this).
const TICK_MS = 30_000;

/**
 * Scheduled backups of one station: takes a backup into the configured folder when one is due,
 * then applies retention; every attempt is recorded (backup-status.json) and a failure logged,
 * so desks and holdline stats show it.
 */
export class BackupScheduler {
  private running = false;
  private timer: NodeJS.Timeout | null = null;
  private current: Promise<unknown> = Promise.resolve();
  /** Who asked for the backup about to run (null: the schedule). */
  private askedBy: string | null = null;
  private readonly once = oneAtATime(() => {
    const run = this.backUp();
    this.current = run.catch(() => undefined);
    return run;
  });

  constructor(
    private readonly core: StationCore,
    private readonly opts: {
      now?: () => number;
      log?: (line: string) => void;
      tickMs?: number;
    } = {},
  ) {}

  private now(): number {
    return this.opts.now?.() ?? Date.now();
  }

  private log(line: string): void {
    (this.opts.log ?? ((l: string) => console.error(l)))(line);
  }

  /** Starts looking for due backups. */
  start(): void {
    this.timer = setInterval(() => void this.tick(), this.opts.tickMs ?? TICK_MS);
    this.timer.unref();
  }

  /** Stops (a backup under way finishes first). */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.current;
  }

  /** Takes a backup if one is due; failures are recorded and logged, never thrown. */
  async tick(): Promise<void> {
    const { settings } = readBackupSettings(this.core.dataDir);
    const due = nextDue(settings, readBackupRecord(this.core.dataDir), this.now());
    if (due === null || due > this.now()) return;
    await this.once().catch(() => undefined);
  }

  /** Takes a backup now (an admin's "Back up now"); throws when it fails, after recording it. */
  async backUpNow(by: string | null = null): Promise<BackupSummary> {
    this.askedBy = by;
    return this.once();
  }

  /** Replaces the settings, noting who changed them and when. */
  configure(settings: BackupSettings, by: string | null = null): BackupStatusView {
    writeBackupSettings(this.core.dataDir, settings);
    if (by !== null)
      writeBackupRecord(this.core.dataDir, {
        ...readBackupRecord(this.core.dataDir),
        settingsChanged: { by, at: new Date(this.now()).toISOString() },
      });
    return this.status();
  }

  /** The status desks show. */
  status(): BackupStatusView {
    return backupStatusOf(this.core.dataDir, this.core.stationId, {
      running: this.running,
      now: this.now(),
    });
  }

  private async backUp(): Promise<BackupSummary> {
    const dataDir = this.core.dataDir;
    const at = this.now();
    const record = readBackupRecord(dataDir);
    const by = this.askedBy;
    this.askedBy = null;
    this.running = true;
    try {
      const { settings, problem } = readBackupSettings(dataDir);
      if (problem) throw new Error(problem);
      if (!settings) throw new Error('no backup folder is configured');
      mkdirSync(settings.folder, { recursive: true });
      const out = path.join(settings.folder, scheduledBackupName(this.core.stationId, at));
      const summary = await takeBackup(dataDir, out, {
        reason: 'scheduled',
        skipDirs: [settings.folder],
        // The digest reads and hashes every replicated row on the station's own thread (~17 s
        // for 500,000 mentions); restore checks chains and integrity without it.
        noDigest: true,
        now: () => at,
      });
      for (const name of backupsToRemove(keptBackups(settings, this.core.stationId), settings, at))
        rmSync(path.join(settings.folder, name), { force: true });
      const when = new Date(at).toISOString();
      writeBackupRecord(dataDir, {
        ...record,
        lastAttemptAt: when,
        lastSuccess: {
          at: when,
          file: summary.file,
          bytes: summary.bytes,
          ops: summary.ops,
          ms: summary.ms,
          by,
        },
      });
      return summary;
    } catch (err) {
      const when = new Date(at).toISOString();
      const message = (err as Error).message;
      writeBackupRecord(dataDir, {
        ...record,
        lastAttemptAt: when,
        lastFailure: { at: when, message },
      });
      this.log(`[backup] failed: ${message}`);
      throw err;
    } finally {
      this.running = false;
    }
  }
}

const schedulers = new WeakMap<StationCore, BackupScheduler>();

/** The station's backup scheduler (null before startBackups). */
export function backupsOf(core: StationCore): BackupScheduler | null {
  return schedulers.get(core) ?? null;
}

/** Starts scheduled backups for a running station; they stop when the core closes. */
export function startBackups(core: StationCore): BackupScheduler {
  const scheduler = new BackupScheduler(core);
  schedulers.set(core, scheduler);
  core.onClose(() => scheduler.close());
  scheduler.start();
  return scheduler;
}
