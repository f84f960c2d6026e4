import { takeBackup } from '../backup/take-backup';
import { parse, required } from './args';

/** holdline backup: a consistent backup of a data folder, also while its station runs. */
export async function backupCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, { data: { type: 'string' }, out: { type: 'string' } });
  const summary = await takeBackup(required(values.data, '--data'), required(values.out, '--out'));
  process.stdout.write(JSON.stringify(summary) + '\n');
  return 0;
}
