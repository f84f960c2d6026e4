import type { Db } from './connection';
import type { Migration } from './migrations/types';
import { migration as m0001 } from './migrations/0001-op-log';
import { migration as m0002 } from './migrations/0002-room-and-people';
import { migration as m0003 } from './migrations/0003-mentions';
import { migration as m0004 } from './migrations/0004-ingest-op-ids';
import { migration as m0005 } from './migrations/0005-station-certificates';
import { migration as m0006 } from './migrations/0006-answer-count';
import { migration as m0007 } from './migrations/0007-playbook-runs';
import { migration as m0008 } from './migrations/0008-alerts';
import { migration as m0009 } from './migrations/0009-messages';
import { migration as m0010 } from './migrations/0010-roster';
import { migration as m0011 } from './migrations/0011-events-and-staffing';
import { migration as m0012 } from './migrations/0012-routing-and-sla';
import { migration as m0013 } from './migrations/0013-routing-read-from-ops';
import { migration as m0014 } from './migrations/0014-wave-answers';
import { migration as m0015 } from './migrations/0015-room-mode';
import { migration as m0016 } from './migrations/0016-reserve-calls';
import { migration as m0017 } from './migrations/0017-reviews';
import { migration as m0018 } from './migrations/0018-contacts';
import { migration as m0019 } from './migrations/0019-connector-state';
import { migration as m0021 } from './migrations/0021-erasure-and-retention';
import { migration as m0020 } from './migrations/0020-station-revocation-and-keys';
import { migration as m0022 } from './migrations/0022-room-closure';

/** Every migration, in order. Add a file under migrations/ and list it here. */
export const MIGRATIONS: readonly Migration[] = [
  m0001,
  m0002,
  m0003,
  m0004,
  m0005,
  m0006,
  m0007,
  m0008,
  m0009,
  m0010,
  m0011,
  m0012,
  m0013,
  m0014,
  m0015,
  m0016,
  m0017,
  m0018,
  m0019,
  m0021,
  m0020,
  m0022,
  // Kept in id order whatever order lines were added in: user_version is the last id applied.
].sort((a, b) => a.id - b.id);

/** What to do around a migration run. */
export type MigrateOptions = {
  /**
   * Runs before the first pending migration of a database that has a schema already (not a
   * fresh one): the station takes a backup there (backup/pre-migration-backup.ts). If it
   * throws, nothing is migrated.
   */
  beforeMigrating?: (from: number, to: number) => Promise<void>;
};

/** Brings the schema up to `target` (default: latest); returns the ids applied. */
export async function migrate(
  db: Db,
  target = Number.POSITIVE_INFINITY,
  opts: MigrateOptions = {},
): Promise<number[]> {
  const row = await db.get<{ user_version: number }>('PRAGMA user_version');
  const current = row?.user_version ?? 0;
  const newest = MIGRATIONS.at(-1)?.id ?? 0;
  if (current > newest) {
    throw new Error(
      `this data folder was written by a newer Holdline (schema ${current}, this build knows ${newest}); update Holdline`,
    );
  }
  const pending = MIGRATIONS.filter((m) => m.id > current && m.id <= target);
  const last = pending.at(-1);
  if (current > 0 && last && opts.beforeMigrating) await opts.beforeMigrating(current, last.id);
  const applied: number[] = [];
  for (const m of MIGRATIONS) {
    if (m.id <= current || m.id > target) continue;
    await db.transaction(async (tx) => {
      await tx.exec(m.up);
      // PRAGMA takes no bound parameters; the id is our own integer.
      await tx.exec(`PRAGMA user_version = ${m.id}`);
    });
    applied.push(m.id);
  }
  return applied;
}
