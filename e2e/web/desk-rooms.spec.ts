import { expect, test, type Page } from '@playwright/test';
import path from 'node:path';
import { logIn } from '../support/login';
import { DEFAULT_ROOM, initWarRoom, startDeskProcess, tempDataDir } from '../support/station';

const { admin, password } = DEFAULT_ROOM;

async function setUpRoom(page: Page, name: string) {
  await expect(page.getByRole('heading', { name: 'Create your war room' })).toBeVisible();
  await page.getByLabel('War room name').fill(name);
  await page.getByLabel('Username').fill(admin);
  await page.getByLabel('Your name').fill('Lea Lead');
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByLabel('Repeat the password').fill(password);
  await page.getByRole('button', { name: 'Create war room' }).click();
  await page.getByLabel('I have stored it').check();
  await page.getByRole('button', { name: 'Continue' }).click();
}

async function openRooms(page: Page) {
  await page.getByTestId('settings-open').click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByRole('tab', { name: 'Rooms' }).click();
  return dialog;
}

// One desk, several war rooms: a training room added beside the live one, switching between
// them (each its own station and login), closing the live room read-only, archiving it to a file
// and opening the archive to read.
test('a desk adds a room, switches, closes a room read-only, archives it and opens the archive', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const temp = tempDataDir();
  // A desk from before rooms: its one room's folder is home/station.
  await initWarRoom(path.join(temp.dir, 'station'), DEFAULT_ROOM);
  const desk = await startDeskProcess(temp.dir);
  try {
    const page = await (await browser.newContext()).newPage();
    page.on('dialog', (d) => void d.accept());
    await logIn(page, desk.url, admin, password);
    await expect(page.locator('.topline .room')).toHaveText(DEFAULT_ROOM.warRoom);

    let rooms = await openRooms(page);
    await expect(rooms.getByTestId('room-state')).toHaveText('This room is open.');
    await rooms.getByTestId('room-create').click();
    // The new room is its own station: its address opens its setup.
    await setUpRoom(page, 'Training day');
    await expect(page.getByText('Lea Lead · Admin')).toBeVisible();
    const trainingUrl = page.url();
    expect(new URL(trainingUrl).origin).not.toBe(new URL(desk.url).origin);

    // Back to the live room from the header (its own address, where this browser is logged in).
    await page.getByTestId('room-switch').selectOption({ label: DEFAULT_ROOM.warRoom });
    await expect(page.getByTestId('room-switch')).toHaveValue('');
    await expect(page.getByTestId('room-switch').locator('option:checked')).toHaveText(
      DEFAULT_ROOM.warRoom,
    );
    expect(new URL(page.url()).origin).toBe(new URL(desk.url).origin);

    // Close it: every screen says so; new work is refused with the reason.
    rooms = await openRooms(page);
    await rooms.getByLabel('Why (shown to everyone)').fill('Storm over');
    await rooms.getByTestId('room-close').click();
    await expect(rooms.getByTestId('room-state')).toContainText('Closed (read-only) by');
    await rooms.getByRole('button', { name: '×' }).click();
    await expect(page.getByTestId('room-closed')).toContainText('This room is closed (read-only)');
    await expect(page.getByTestId('room-closed')).toContainText('Storm over');

    // Archive it: the desk moves on to the training room, the live room is a file now.
    rooms = await openRooms(page);
    await rooms.getByTestId('room-archive').click();
    await expect(
      rooms.getByText(/Archived to .*archives\/station-.*\.holdline-room\.tar\.gz/),
    ).toBeVisible();
    await expect(page).toHaveURL(trainingUrl, { timeout: 15_000 });
    // The only active room left: the header names it (no other room to switch to).
    await expect(page.locator('.topline .room')).toHaveText('Training day');
    rooms = await openRooms(page);
    const row = rooms.getByTestId('desk-rooms').getByRole('row', { name: /Storm week/ });
    await expect(row).toContainText('archived');
    await expect(row).toContainText(admin);

    // Open the archive to read: a station of its own (a login of its own), closed, read-only.
    await row.getByRole('button', { name: 'Open to read' }).click();
    await expect(page.getByLabel('Username')).toBeVisible({ timeout: 30_000 });
    await logIn(page, page.url(), admin, password);
    await expect(page.getByTestId('room-closed')).toContainText('Storm over');
  } finally {
    await desk.stop();
    temp.cleanup();
  }
});
