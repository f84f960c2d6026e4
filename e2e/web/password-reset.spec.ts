import { expect, test } from '@playwright/test';
import { createOperators } from '../support/desk';
import { logIn } from '../support/login';
import { DEFAULT_ROOM, withRoomStation } from '../support/station';

// An admin resets an operator's password in the People dialog: the operator's open desk is
// logged out at once, the old password stops working, and the temporary one leads to choosing
// her own password before her desk opens.
test('an admin resets a password; the operator’s desk is logged out and she chooses a new one at login', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  await withRoomStation(async (station) => {
    const url = station.url;
    const admin = { username: DEFAULT_ROOM.admin, password: DEFAULT_ROOM.password };
    await createOperators(url, admin, [
      {
        username: 'ana',
        displayName: 'Ana Operator',
        password: 'ana-old-password',
        role: 'operator',
        departments: [],
      },
    ]);
    const ana = await (await browser.newContext()).newPage();
    await logIn(ana, url, 'ana', 'ana-old-password');

    const lead = await (await browser.newContext()).newPage();
    await logIn(lead, url, admin.username, admin.password);
    await lead.getByRole('button', { name: 'People', exact: true }).click();
    const dialog = lead.getByRole('dialog', { name: 'People' });
    await dialog.getByRole('button', { name: 'New password for Ana Operator' }).click();
    const form = dialog.getByRole('form', { name: 'New password for Ana Operator' });
    await form.getByLabel('New password', { exact: true }).fill('ana-temporary');
    await form.getByLabel('Repeat the password').fill('ana-temporary');
    await expect(form.getByLabel('Must choose a new password at next login')).toBeChecked();
    await form.getByRole('button', { name: 'Set password' }).click();
    await expect(dialog.getByRole('status')).toHaveText(
      'Password set for Ana Operator. Their sessions have ended on every desk.',
    );

    // Ana's open desk is logged out at once; her old password no longer works.
    await expect(ana.getByText('Your session ended; please log in again.')).toBeVisible();
    await ana.getByLabel('Username').fill('ana');
    await ana.getByLabel('Password', { exact: true }).fill('ana-old-password');
    await ana.getByRole('button', { name: 'Log in' }).click();
    await expect(ana.getByRole('alert')).toBeVisible();
    // The temporary one leads to choosing her own before the desk opens.
    await ana.getByLabel('Password', { exact: true }).fill('ana-temporary');
    await ana.getByRole('button', { name: 'Log in' }).click();
    await expect(ana.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
    await ana.getByLabel('New password', { exact: true }).fill('ana-own-password');
    await ana.getByLabel('Repeat the password').fill('ana-own-password');
    await ana.getByRole('button', { name: 'Save and continue' }).click();
    await expect(ana.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();

    const again = await (await browser.newContext()).newPage();
    await logIn(again, url, 'ana', 'ana-own-password');
  });
});
