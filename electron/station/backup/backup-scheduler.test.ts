import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StationCore } from '../core/core';
import { tempDir } from '../test-support/temp-dir';
import { BackupScheduler } from './backup-scheduler';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function scheduled() {
  const t = tempDir();
  cleanups.push(t.cleanup);
  const core = await StationCore.open(path.join(t.dir, 'station'));
  cleanups.push(() => core.close());
  let now = Date.UTC(2026, 1, 8, 9);
  const logged: string[] = [];
  const scheduler = new BackupScheduler(core, { now: () => now, log: (l) => logged.push(l) });
  cleanups.push(() => scheduler.close());
  return {
    scheduler,
    folder: path.join(t.dir, 'backups'),
    dir: t.dir,
    logged,
    later: (minutes: number) => (now += minutes * 60_000),
  };
}

describe('scheduled backups', () => {
  it('back up when due, keep the last N, and leave other files alone', async () => {
    const { scheduler, folder, later } = await scheduled();
    scheduler.configure({ enabled: true, folder, every: '1h', keepLast: 2 });
    await scheduler.tick();
    writeFileSync(path.join(folder, 'notes.txt'), 'mine\n');
    expect(readdirSync(folder)).toHaveLength(2);
    later(30);
    await scheduler.tick();
    expect(readdirSync(folder)).toHaveLength(2);
    for (let i = 0; i < 3; i += 1) {
      later(61);
      await scheduler.tick();
    }
    const kept = readdirSync(folder).sort();
    // Taken at 09:00, 10:31, 11:32 and 12:33 (not at 09:30: not due); the last two are kept.
    const backups = kept.filter((n) => n.endsWith('.tar.gz'));
    expect(backups.map((n) => n.slice(-15))).toEqual(['T113200Z.tar.gz', 'T123300Z.tar.gz']);
    expect(kept).toContain('notes.txt');
    const status = scheduler.status();
    expect(status).toMatchObject({ kept: 2, lastFailure: null, running: false });
    expect(status.lastSuccess?.file).toBe(path.join(folder, backups.at(-1) as string));
    expect(status.next).toBe(
      new Date(Date.parse(status.lastSuccess?.at ?? '') + 3_600_000).toISOString(),
    );
  }, 60_000);

  it('record and log a failure, and try again sooner', async () => {
    const { scheduler, dir, logged } = await scheduled();
    const notAFolder = path.join(dir, 'file');
    writeFileSync(notAFolder, 'x');
    scheduler.configure({ enabled: true, folder: notAFolder, every: '6h' });
    await scheduler.tick();
    const status = scheduler.status();
    expect(status.lastFailure?.message).toMatch(/EEXIST|ENOTDIR|not a directory/);
    expect(status.lastSuccess).toBeNull();
    expect(logged.join('\n')).toMatch(/\[backup\] failed/);
    // Ten minutes later, not six hours.
    expect(Date.parse(status.next ?? '') - Date.parse(status.lastFailure?.at ?? '')).toBe(600_000);
    await expect(scheduler.backUpNow()).rejects.toThrow();
  });

  it('take none while turned off or not configured', async () => {
    const { scheduler, folder } = await scheduled();
    await scheduler.tick();
    expect(scheduler.status()).toMatchObject({ settings: null, next: null, lastSuccess: null });
    scheduler.configure({ enabled: false, folder, every: '1h' });
    await scheduler.tick();
    expect(scheduler.status()).toMatchObject({ next: null, lastSuccess: null, kept: 0 });
  });
});
