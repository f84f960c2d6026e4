import { StationCore } from '../core/core';
import { operatorByUsername } from '../db/queries/people';
import { ErasureRequestSchema } from '../../../shared/contract/privacy';
import { can } from '../../../shared/domain/permissions';
import type { Role } from '../../../shared/domain/people';
import {
  ErasureRefused,
  confirmErasures,
  listErasures,
  previewErasure,
  requestErasure,
} from '../privacy/erasure-request';
import { scrubFiles } from '../privacy/scrub';
import { UsageError, parse, required } from './args';

/**
 * holdline erase: an admin erases one author's data (or, with --customer, every identifier linked
 * to them) in a stopped station's folder; the erasure op reaches the room's other stations when
 * this one next syncs. --dry-run only counts. Prints JSON; exit 1 when refused.
 */
export async function eraseCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, {
    data: { type: 'string' },
    user: { type: 'string' },
    author: { type: 'string' },
    channel: { type: 'string' },
    reference: { type: 'string' },
    customer: { type: 'boolean', default: false },
    'dry-run': { type: 'boolean', default: false },
  });
  const dataDir = required(values.data, '--data');
  const username = required(values.user, '--user');
  const dryRun = values['dry-run'] ?? false;
  const input = ErasureRequestSchema.safeParse({
    channel: required(values.channel, '--channel'),
    handle: required(values.author, '--author'),
    customer: values.customer ?? false,
    reference: dryRun ? (values.reference ?? 'dry run') : required(values.reference, '--reference'),
  });
  if (!input.success)
    throw new UsageError(
      input.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '),
    );
  const core = await StationCore.open(dataDir);
  try {
    const user = await operatorByUsername(core.read, username);
    if (!user || !can(user.role as Role, 'privacy.erase')) {
      process.stderr.write(`holdline erase: ${username} is not an admin of this room\n`);
      return 1;
    }
    const preview = await previewErasure(core, input.data);
    if (dryRun) {
      process.stdout.write(JSON.stringify({ dryRun: true, ...preview }) + '\n');
      return 0;
    }
    const id = await requestErasure(core, user.id, input.data);
    const scrubMs = await scrubFiles(core.db);
    await confirmErasures(core);
    const erasure = (await listErasures(core)).find((e) => e.id === id);
    process.stdout.write(
      JSON.stringify({ ...erasure, channels: preview.channels, scrubMs }) + '\n',
    );
    return 0;
  } catch (err) {
    if (err instanceof ErasureRefused) {
      process.stderr.write(`holdline erase: ${err.message}\n`);
      return 1;
    }
    throw err;
  } finally {
    await core.close();
  }
}
