import { existsSync } from 'node:fs';
import { openReadDb } from '../db/connection';
import { dataPaths } from '../core/data-dir';
import { mentionStats } from '../db/queries/mention-reads';
import { countOps } from '../db/queries/ops';
import { parse, required, UsageError } from './args';

/** holdline stats: counts from the data folder, read-only, so it works while the station runs. */
export async function statsCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, { data: { type: 'string' }, json: { type: 'boolean' } });
  const file = dataPaths(required(values.data, '--data')).db;
  if (!existsSync(file))
    throw new UsageError(`no station data in ${values.data} (run holdline init first)`);
  const db = await openReadDb(file);
  try {
    const stats = { ...(await mentionStats(db)), ops: await countOps(db) };
    if (values.json) process.stdout.write(JSON.stringify(stats) + '\n');
    else {
      const lines = [
        `mentions  ${stats.mentions}`,
        `authors   ${stats.authors}`,
        `ops       ${stats.ops}`,
        'by status:',
        ...Object.entries(stats.byStatus).map(([k, n]) => `  ${k.padEnd(12)} ${n}`),
        'by channel:',
        ...Object.entries(stats.byChannel).map(([k, n]) => `  ${k.padEnd(12)} ${n}`),
      ];
      process.stdout.write(lines.join('\n') + '\n');
    }
    return 0;
  } finally {
    await db.close();
  }
}
