import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scheduledBackupName, scheduledBackupsIn } from './backup-names';
import { backupsToRemove, type KeptBackup } from './retention';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 5, 30, 12);
// One backup a day for ten days, newest first: d0 is today's.
const DAILY: KeptBackup[] = Array.from({ length: 10 }, (_, i) => ({
  name: `d${i}`,
  takenAt: NOW - i * DAY,
}));
const names = (n: number[]) => n.map((i) => `d${i}`);

describe('backup retention', () => {
  it.each([
    { policy: {}, removed: [] },
    { policy: { keepLast: 3 }, removed: names([3, 4, 5, 6, 7, 8, 9]) },
    { policy: { keepLast: 10 }, removed: [] },
    { policy: { keepLast: 1 }, removed: names([1, 2, 3, 4, 5, 6, 7, 8, 9]) },
    // Within 2 days: today's, yesterday's and the one exactly two days old.
    { policy: { keepDays: 2 }, removed: names([3, 4, 5, 6, 7, 8, 9]) },
    // The union: the last 2 or those within 5 days.
    { policy: { keepLast: 2, keepDays: 5 }, removed: names([6, 7, 8, 9]) },
    { policy: { keepLast: 8, keepDays: 1 }, removed: names([8, 9]) },
  ])('keeps what $policy says', ({ policy, removed }) => {
    expect(backupsToRemove(DAILY, policy, NOW).sort()).toEqual([...removed].sort());
  });

  it('keeps the newest even when every backup is older than keepDays', () => {
    const old = DAILY.map((b) => ({ ...b, takenAt: b.takenAt - 100 * DAY }));
    expect(backupsToRemove(old, { keepDays: 7 }, NOW)).not.toContain('d0');
    expect(backupsToRemove(old, { keepDays: 7 }, NOW)).toHaveLength(9);
  });

  it('keeps exactly the union of the newest keepLast and those within keepDays (property)', () => {
    const backup = fc.record({
      name: fc.uuid(),
      takenAt: fc.integer({ min: NOW - 60 * DAY, max: NOW }),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(backup, { selector: (b) => b.name, maxLength: 40 }),
        fc.option(fc.integer({ min: 1, max: 20 }), { nil: undefined }),
        fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }),
        (backups, keepLast, keepDays) => {
          const removed = new Set(backupsToRemove(backups, { keepLast, keepDays }, NOW));
          const kept = backups.filter((b) => !removed.has(b.name));
          if (keepLast === undefined && keepDays === undefined) {
            expect(removed.size).toBe(0);
            return;
          }
          const newest = [...backups].sort(
            (a, b) => b.takenAt - a.takenAt || b.name.localeCompare(a.name),
          );
          for (const [i, b] of newest.entries()) {
            const wanted =
              i === 0 ||
              (keepLast !== undefined && i < keepLast) ||
              (keepDays !== undefined && b.takenAt >= NOW - keepDays * DAY);
            expect(kept.includes(b)).toBe(wanted);
          }
        },
      ),
    );
  });

  it('only counts this station’s scheduled backups in the folder', () => {
    const mine = scheduledBackupName('st-aaa', NOW);
    expect(mine).toBe('holdline-st-aaa-20260630T120000Z.tar.gz');
    const found = scheduledBackupsIn(
      [mine, scheduledBackupName('st-bbb', NOW), 'holdline-st-aaa-notes.tar.gz', 'README.txt'],
      'st-aaa',
    );
    expect(found).toEqual([{ name: mine, takenAt: NOW }]);
  });
});
