import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StationCore } from '../core/core';
import { dataPaths, loadOrCreateKey } from '../core/data-dir';
import { openDb } from '../db/connection';
import { migrate, MIGRATIONS } from '../db/migrate';
import { schemaVersion } from '../db/snapshot';
import { tempDir } from '../test-support/temp-dir';
import { UPGRADE_BACKUPS_DIR } from './data-files';
import { restoreBackup } from './restore-backup';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function folder(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}

const LATEST = MIGRATIONS.at(-1)?.id ?? 0;
const OLDER = LATEST - 2;

describe('migrations take a backup first', () => {
  it('backs an older database up, at its old schema, before migrating it', async () => {
    const dir = path.join(folder(), 'station');
    mkdirSync(dir, { recursive: true });
    loadOrCreateKey(dir);
    const db = await openDb(dataPaths(dir).db);
    await migrate(db, OLDER);
    await db.close();

    const core = await StationCore.open(dir);
    expect(await schemaVersion(core.db)).toBe(LATEST);
    await core.close();
    const kept = readdirSync(path.join(dir, UPGRADE_BACKUPS_DIR));
    const pad = (n: number) => String(n).padStart(4, '0');
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatch(
      new RegExp(`^holdline-schema-${pad(OLDER)}-to-${pad(LATEST)}-\\d{8}T\\d{6}Z\\.tar\\.gz$`),
    );

    // The backup holds the database as it was: restoring it migrates it again, from OLDER.
    const restored = path.join(folder(), 'restored');
    const summary = await restoreBackup(
      path.join(dir, UPGRADE_BACKUPS_DIR, kept[0] as string),
      restored,
      { alone: true },
    );
    expect(summary).toMatchObject({ migratedFrom: OLDER, backupDigest: null });
    // The backup folder itself is never backed up again.
    expect(existsSync(path.join(restored, UPGRADE_BACKUPS_DIR))).toBe(false);
  }, 60_000);

  it('takes none for a fresh database, nor when nothing is pending', async () => {
    const dir = path.join(folder(), 'station');
    for (let i = 0; i < 2; i += 1) await (await StationCore.open(dir)).close();
    expect(existsSync(path.join(dir, UPGRADE_BACKUPS_DIR))).toBe(false);
  });

  it('migrates nothing when the backup cannot be taken', async () => {
    const dir = folder();
    const db = await openDb(path.join(dir, 'holdline.db'));
    await migrate(db, OLDER);
    const failing = migrate(db, undefined, {
      beforeMigrating: () => Promise.reject(new Error('disk full')),
    });
    await expect(failing).rejects.toThrow('disk full');
    expect(await schemaVersion(db)).toBe(OLDER);
    await db.close();
  });
});
