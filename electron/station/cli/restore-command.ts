import { BackupRefused } from '../backup/backup-refused';
import { restoreBackup } from '../backup/restore-backup';
import { parse, required } from './args';

/** holdline restore: a backup into a new folder, checked as holdline verify checks a station. */
export async function restoreCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, {
    from: { type: 'string' },
    data: { type: 'string' },
    alone: { type: 'boolean' },
  });
  const from = required(values.from, '--from');
  try {
    const summary = await restoreBackup(from, required(values.data, '--data'), {
      alone: values.alone === true,
    });
    process.stdout.write(JSON.stringify({ ok: true, ...summary }) + '\n');
    process.stderr.write(
      summary.catchUp
        ? `restored station ${summary.stationId} as of ${summary.takenAt}. Start it with --peer naming a station of the room: it records nothing of its own until a peer has given it back what it wrote after the backup. Never run it beside the station it was backed up from.\n`
        : `restored station ${summary.stationId} as of ${summary.takenAt}, on its own (--alone): it records at once.\n`,
    );
    return 0;
  } catch (err) {
    if (!(err instanceof BackupRefused)) throw err;
    process.stdout.write(JSON.stringify({ ok: false, error: err.message }) + '\n');
    process.stderr.write(`holdline restore: ${err.message}; nothing was restored\n`);
    return 1;
  }
}
