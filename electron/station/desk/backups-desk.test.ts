import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BackupStatusView, BackupTakenView } from '../../../shared/contract/backups';
import { deskRoom } from '../test-support/desk-room';
import { call } from '../test-support/station-client';
import { holdlineAsync } from '../test-support/holdline-async';
import { tempDir } from '../test-support/temp-dir';

const room = deskRoom([
  { username: 'olga', displayName: 'Olga', role: 'operator', departments: ['pr'] },
]);

describe('backup desk commands', () => {
  it('let an admin configure backups, back up now, and see the result', async () => {
    const t = tempDir();
    const folder = path.join(t.dir, 'backups');
    const admin = await room.desk('lead');

    const before = await call(admin, 'backup.status', {});
    if (!before.ok) throw new Error(before.message);
    expect(before).toMatchObject({ settings: null, next: null, lastSuccess: null });

    const relative = await call(admin, 'backup.configure', { folder: 'backups', every: '6h' });
    expect(relative).toMatchObject({ ok: false, code: 'invalid' });
    const tooOften = await call(admin, 'backup.configure', { folder, every: '10s' });
    expect(tooOften).toMatchObject({ ok: false, code: 'invalid' });

    const configured = await call(admin, 'backup.configure', { folder, every: '6h', keepLast: 3 });
    if (!configured.ok) throw new Error(configured.message);
    expect(configured.settings).toEqual({ enabled: true, folder, every: '6h', keepLast: 3 });
    // Who changed the schedule, and when, is kept with it.
    expect(configured.settingsChanged).toMatchObject({ by: 'Lea Lead' });
    expect(Date.now() - Date.parse((configured.settingsChanged as { at: string }).at)).toBeLessThan(
      60_000,
    );

    const now = await call(admin, 'backup.now', {});
    if (!now.ok) throw new Error(now.message);
    const taken = now.backup as BackupTakenView;
    expect(existsSync(taken.file)).toBe(true);
    expect(readdirSync(folder)).toEqual([path.basename(taken.file)]);
    const status = now.status as BackupStatusView;
    expect(status).toMatchObject({
      kept: 1,
      lastFailure: null,
      lastSuccess: { file: taken.file, by: 'Lea Lead' },
    });
    expect(Date.parse(status.next ?? '')).toBe(Date.parse(taken.at) + 6 * 3_600_000);
    t.cleanup();
  }, 60_000);

  it('show a failed backup to admins and in holdline stats', async () => {
    const t = tempDir();
    const notAFolder = path.join(t.dir, 'file');
    writeFileSync(notAFolder, 'x');
    const admin = await room.desk('lead');
    await call(admin, 'backup.configure', { folder: notAFolder, every: '1d' });
    const failed = await call(admin, 'backup.now', {});
    expect(failed).toMatchObject({ ok: false, code: 'conflict' });
    const status = await call(admin, 'backup.status', {});
    if (!status.ok) throw new Error(status.message);
    expect((status as unknown as BackupStatusView).lastFailure?.message).toMatch(/EEXIST|ENOTDIR/);

    const stats = await holdlineAsync('stats', '--data', room.station().core.dataDir, '--json');
    expect(stats.code, stats.stderr).toBe(0);
    const shown = JSON.parse(stats.stdout) as { backups: BackupStatusView };
    expect(shown.backups.lastFailure?.message).toMatch(/EEXIST|ENOTDIR/);
    const text = await holdlineAsync('stats', '--data', room.station().core.dataDir);
    expect(text.stdout).toMatch(/last failure {2}\S+: .*(EEXIST|ENOTDIR)/);
    t.cleanup();
  }, 60_000);

  it('are for admins only', async () => {
    const operator = await room.desk('olga');
    for (const name of ['backup.status', 'backup.now'] as const)
      expect(await call(operator, name, {})).toMatchObject({ ok: false, code: 'forbidden' });
  });
});
