import { BackupRefused } from '../backup/backup-refused';
import { restoreBackup } from '../backup/restore-backup';
import { parse, required } from './args';

/** holdline restore: a backup into a new folder, checked as holdline verify checks a station. */
export async function restoreCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, { from: { type: 'string' }, data: { type: 'string' } });
  const from = required(values.from, '--from');
  try {
    const summary = await restoreBackup(from, required(values.data, '--data'));
    process.stdout.write(JSON.stringify({ ok: true, ...summary }) + '\n');
    process.stderr.write(
      `restored station ${summary.stationId} as of ${summary.takenAt}: start it with --peer pointing at a station of the room so it catches up before anyone works on it, and never run it beside the station it was backed up from\n`,
    );
    return 0;
  } catch (err) {
    if (!(err instanceof BackupRefused)) throw err;
    process.stdout.write(JSON.stringify({ ok: false, error: err.message }) + '\n');
    process.stderr.write(`holdline restore: ${err.message}; nothing was restored\n`);
    return 1;
  }
}
