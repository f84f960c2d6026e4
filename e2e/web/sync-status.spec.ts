import { expect, test } from '@playwright/test';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  DEFAULT_ROOM,
  initWarRoom,
  startStationProcess,
  tempDataDir,
  type StationProcess,
} from '../support/station';
import { logIn } from '../support/login';
import { holdlineBin, repoRoot } from '../support/paths';

const run = promisify(execFile);

// A station told to sync with a peer that cannot be reached: the desk says so, and keeps working.
test('a desk cut off from every peer shows the offline banner and the peers panel, where an admin adds a station by address', async ({
  page,
}) => {
  const temp = tempDataDir();
  let station: StationProcess | null = null;
  try {
    const dataDir = path.join(temp.dir, 'station');
    await initWarRoom(dataDir, DEFAULT_ROOM);
    // Port 9 (discard) on loopback: nothing listens, every attempt is refused.
    station = await startStationProcess(dataDir, DEFAULT_ROOM, ['--peer', '127.0.0.1:9']);
    await logIn(page, station.url, DEFAULT_ROOM.admin, DEFAULT_ROOM.password);

    await expect(page.getByTestId('offline-banner')).toContainText('No other station is reachable');
    await expect(page.getByTestId('sync-status')).toHaveText('No peers reachable');
    await page.getByTestId('sync-status').click();
    const row = page.getByTestId('peer-row');
    await expect(row).toContainText('127.0.0.1:9');
    await expect(row).toContainText('not connected');
    await expect(row).toContainText(/unreachable/);

    // An admin adds a station by address: a typo is refused with why, a good one is linked
    // (and, unreachable too, listed as such), and it stays after a restart.
    const address = page.getByLabel('Address (host:port)');
    await address.fill('not an address');
    await page.getByRole('button', { name: 'Add a station by address' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'host:port' })).toBeVisible();
    await address.fill('127.0.0.1:7');
    await page.getByRole('button', { name: 'Add a station by address' }).click();
    await expect(row).toHaveCount(2);
    await expect(row.filter({ hasText: '127.0.0.1:7' })).toContainText('not connected');

    // The admin makes a join code for a new desk: shown once, with the station's certificate
    // fingerprint, and a new station joins the room with it.
    await expect(page.getByTestId('fingerprint')).toHaveText(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    await page.getByRole('button', { name: 'Make a join code' }).click();
    const code = (await page.getByTestId('join-code').textContent()) ?? '';
    expect(code).toMatch(/^HL-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const joined = await run(
      process.execPath,
      [holdlineBin, 'join', '--data', path.join(temp.dir, 'new-desk'), '--peer'].concat([
        `127.0.0.1:${station.port}`,
        '--code',
        code,
      ]),
      { cwd: repoRoot },
    );
    expect(JSON.parse(joined.stdout)).toMatchObject({ warRoom: DEFAULT_ROOM.warRoom });
    await page.keyboard.press('Escape');
    // The queue itself is unaffected: this desk keeps working from its own copy.
    await expect(page.getByTestId('queue-total')).toHaveText('0 mentions');

    await station.stop();
    station = await startStationProcess(dataDir, DEFAULT_ROOM, ['--peer', '127.0.0.1:9']);
    await logIn(page, station.url, DEFAULT_ROOM.admin, DEFAULT_ROOM.password);
    await page.getByTestId('sync-status').click();
    await expect(page.getByTestId('peer-row').filter({ hasText: '127.0.0.1:7' })).toHaveCount(1);
  } finally {
    await station?.stop();
    temp.cleanup();
  }
});
