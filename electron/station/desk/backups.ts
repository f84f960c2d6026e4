import { BackupSettingsSchema } from '../../../shared/contract/backups';
import { backupsOf, type BackupScheduler } from '../backup/backup-scheduler';
import type { StationCore } from '../core/core';
import { DeskError, NoInput, handler, type DeskHandlerMap } from './handler';

type BackupCommandName = 'backup.status' | 'backup.configure' | 'backup.now';

function schedulerOf(core: StationCore): BackupScheduler {
  const scheduler = backupsOf(core);
  if (!scheduler) throw new DeskError('not-found', 'backups are not running on this station');
  return scheduler;
}

/** /desk handlers for this station's scheduled backups: admins see, configure and start them. */
export const backupHandlers: DeskHandlerMap<BackupCommandName> = {
  'backup.status': handler({
    input: NoInput,
    permission: 'station.manage',
    run: async ({ core }) => schedulerOf(core).status(),
  }),
  'backup.configure': handler({
    input: BackupSettingsSchema,
    permission: 'station.manage',
    run: async ({ core, operator }, input) =>
      schedulerOf(core).configure(input, operator.displayName),
  }),
  'backup.now': handler({
    input: NoInput,
    permission: 'station.manage',
    run: async ({ core, operator }) => {
      const scheduler = schedulerOf(core);
      try {
        const taken = await scheduler.backUpNow(operator.displayName);
        return {
          backup: {
            at: taken.takenAt,
            file: taken.file,
            bytes: taken.bytes,
            ops: taken.ops,
            ms: taken.ms,
            by: operator.displayName,
          },
          status: scheduler.status(),
        };
      } catch (err) {
        throw new DeskError('conflict', `the backup failed: ${(err as Error).message}`);
      }
    },
  }),
};
