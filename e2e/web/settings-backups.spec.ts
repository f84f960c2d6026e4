import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { logIn } from '../support/login';
import { DEFAULT_ROOM, tempDataDir, withRoomStation } from '../support/station';

// An admin schedules backups in Settings → Backups, takes one now, and sees it; a bad schedule is
// refused with the reason and changes nothing.
test('an admin schedules backups, backs up now and sees the backup in Settings', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const out = tempDataDir();
  try {
    await withRoomStation(async (station) => {
      await logIn(page, station.url, DEFAULT_ROOM.admin, DEFAULT_ROOM.password);
      await page.getByTestId('settings-open').click();
      const dialog = page.getByRole('dialog', { name: 'Settings' });
      await dialog.getByRole('tab', { name: 'Backups' }).click();
      const status = dialog.getByTestId('backup-status');
      await expect(status).toContainText('not configured yet');
      await expect(dialog.getByTestId('backup-now')).toBeDisabled();

      const folder = path.join(out.dir, 'backups');
      await dialog.getByLabel('Folder').fill(folder);
      await dialog.getByLabel('Every (e.g. 30m, 6h, 1d)').fill('10s');
      await dialog.getByRole('button', { name: 'Save' }).click();
      await expect(dialog.getByRole('alert')).toBeVisible();
      await expect(status).toContainText('not configured yet');

      await dialog.getByLabel('Every (e.g. 30m, 6h, 1d)').fill('6h');
      await dialog.getByLabel('Keep the last N backups').fill('3');
      await dialog.getByRole('button', { name: 'Save' }).click();
      await expect(status).toContainText(folder);
      await expect(status).toContainText('the last 3 backups');
      await expect(status).toContainText(`Schedule changedby ${DEFAULT_ROOM.admin}`);

      await dialog.getByTestId('backup-now').click();
      await expect(status).toContainText('1 kept now');
      await expect(status).toContainText(`asked for by ${DEFAULT_ROOM.admin}`);
      await expect(status).not.toContainText('never');
      const files = readdirSync(folder);
      expect(files).toHaveLength(1);
      expect(files[0]).toMatch(/\.tar\.gz$/);
      expect(existsSync(path.join(folder, files[0] as string))).toBe(true);
    });
  } finally {
    out.cleanup();
  }
});
