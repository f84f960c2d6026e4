import { expect, test } from '@playwright/test';
import { command, createOperators, withDesk } from '../support/desk';
import { logIn } from '../support/login';
import { DEFAULT_ROOM, withRoomStation } from '../support/station';

const admin = { username: DEFAULT_ROOM.admin, password: DEFAULT_ROOM.password };

// An admin erases one person's mentions from Settings → Privacy: the preview counts them, the
// erasure is recorded with its reference and who asked, and the queue no longer holds their words
// while another author's mention stays.
test('an admin erases one author’s data from Settings; the queue forgets it, others stay', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await withRoomStation(async (station) => {
    await withDesk(station.url, admin.username, admin.password, async (socket) => {
      for (const [handle, text] of [
        ['@erase_me', 'My address is 12 Elm Street <b>help</b>'],
        ['@keep_me', 'Still waiting for my refund'],
      ])
        await command(socket, 'mention.create', { channel: 'twitter', author: { handle }, text });
    });
    await logIn(page, station.url, admin.username, admin.password);
    await expect(page.getByText('My address is 12 Elm Street <b>help</b>')).toBeVisible();

    await page.getByTestId('settings-open').click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await dialog.getByRole('tab', { name: 'Privacy' }).click();
    await dialog.getByTestId('erasure-handle').fill('@erase_me');
    await dialog.getByTestId('erasure-preview-button').click();
    await expect(dialog.getByTestId('erasure-preview')).toContainText('Mentions: 1');
    await dialog.getByTestId('erasure-reference').fill('DSR-2026-17');
    await dialog.getByTestId('erasure-confirm').check();
    await dialog.getByTestId('erasure-erase').click();
    await expect(dialog.getByText('Erasure DSR-2026-17 recorded')).toBeVisible();
    const record = dialog.getByTestId('erasure-list').getByRole('row', { name: /DSR-2026-17/ });
    await expect(record).toContainText(admin.username);
    await dialog.getByRole('button', { name: '×' }).click();

    await expect(page.getByText('My address is 12 Elm Street')).toHaveCount(0);
    await expect(page.getByText('Still waiting for my refund')).toBeVisible();
  });
});

// An admin revokes an operator who left: her open desk is logged out at once and she cannot log
// in again; Sessions says who revoked her and when.
test('an admin revokes an operator from Settings; her desk is logged out at once', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  await withRoomStation(async (station) => {
    await createOperators(station.url, admin, [
      {
        username: 'ana',
        displayName: 'Ana Operator',
        password: 'ana-password',
        role: 'operator',
        departments: [],
      },
    ]);
    const ana = await (await browser.newContext()).newPage();
    await logIn(ana, station.url, 'ana', 'ana-password');

    const lead = await (await browser.newContext()).newPage();
    await logIn(lead, station.url, admin.username, admin.password);
    await lead.getByTestId('settings-open').click();
    const dialog = lead.getByRole('dialog', { name: 'Settings' });
    await dialog.getByRole('tab', { name: 'Sessions' }).click();
    const row = dialog.getByTestId('sessions').getByRole('row', { name: /Ana Operator/ });
    await row.getByRole('button', { name: 'Revoke…' }).click();
    await dialog.getByLabel('Reason (optional)').fill('left the company');
    await dialog.getByRole('button', { name: 'Revoke', exact: true }).click();
    await expect(row).toContainText('Revoked');

    await expect(ana.getByLabel('Username')).toBeVisible({ timeout: 10_000 });
    await ana.getByLabel('Username').fill('ana');
    await ana.getByLabel('Password', { exact: true }).fill('ana-password');
    await ana.getByRole('button', { name: 'Log in' }).click();
    await expect(ana.getByRole('alert')).toBeVisible();
  });
});
