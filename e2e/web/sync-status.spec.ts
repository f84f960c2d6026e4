import { expect, test } from '@playwright/test';
import path from 'node:path';
import {
  DEFAULT_ROOM,
  initWarRoom,
  startStationProcess,
  tempDataDir,
  type StationProcess,
} from '../support/station';

// A station told to sync with a peer that cannot be reached: the desk says so, and keeps working.
test('a desk cut off from every peer shows the offline banner and the peers panel', async ({
  page,
}) => {
  const temp = tempDataDir();
  let station: StationProcess | null = null;
  try {
    const dataDir = path.join(temp.dir, 'station');
    await initWarRoom(dataDir, DEFAULT_ROOM);
    // Port 9 (discard) on loopback: nothing listens, every attempt is refused.
    station = await startStationProcess(dataDir, DEFAULT_ROOM, ['--peer', '127.0.0.1:9']);
    await page.goto(station.url);
    await page.getByLabel('Username').fill(DEFAULT_ROOM.admin);
    await page.getByLabel('Password', { exact: true }).fill(DEFAULT_ROOM.password);
    await page.getByRole('button', { name: 'Log in' }).click();

    await expect(page.getByTestId('offline-banner')).toContainText('No other station is reachable');
    await expect(page.getByTestId('sync-status')).toHaveText('No peers reachable');
    await page.getByTestId('sync-status').click();
    const row = page.getByTestId('peer-row');
    await expect(row).toContainText('127.0.0.1:9');
    await expect(row).toContainText('not connected');
    await expect(row).toContainText(/unreachable/);
    await page.keyboard.press('Escape');
    // The queue itself is unaffected: this desk keeps working from its own copy.
    await expect(page.getByTestId('queue-total')).toHaveText('0 mentions');
  } finally {
    await station?.stop();
    temp.cleanup();
  }
});
