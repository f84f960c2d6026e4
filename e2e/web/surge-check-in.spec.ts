import { expect, test } from '@playwright/test';
import { command, withDesk } from '../support/desk';
import { logIn } from '../support/login';
import { DEFAULT_ROOM, withRoomStation } from '../support/station';

// An admin makes a surge account for customer care; the new person logs in at a second desk,
// checks in, is pushed a mention and answers it, and the admin's Roster dialog follows along.
test('a surge account is created, logs in at another desk, checks in, is assigned a mention, answers it and shows on the roster', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  await withRoomStation(async (station) => {
    const url = station.url;
    const adminContext = await browser.newContext();
    await adminContext.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: url });
    const admin = await adminContext.newPage();
    await logIn(admin, url, DEFAULT_ROOM.admin, DEFAULT_ROOM.password);

    await admin.getByRole('button', { name: 'Roster', exact: true }).click();
    const dialog = admin.getByRole('dialog', { name: 'Roster' });
    await expect(dialog.getByText('Nobody is on shift.')).toBeVisible();
    const surgeForm = dialog.getByRole('region', { name: 'Surge accounts' });
    await surgeForm.getByLabel('Names, one per line').fill('Maya Demir');
    await surgeForm.getByLabel('Department').selectOption('customer-care');
    await surgeForm.getByRole('textbox', { name: 'Skills' }).fill('refunds');
    await surgeForm.getByRole('textbox', { name: 'Skills' }).press('Enter');
    await surgeForm.getByLabel('Hours until they expire').fill('8');
    await surgeForm.getByRole('button', { name: 'Create accounts' }).click();
    const username = (await surgeForm.getByTestId('surge-username').innerText()).trim();
    const password = (await surgeForm.getByTestId('surge-password').innerText()).trim();
    expect(username).toMatch(/^maya\.demir-[a-z0-9]{3}$/);
    expect(password).toMatch(/^[a-z0-9]{5}(-[a-z0-9]{5}){3}$/);
    await surgeForm.getByRole('button', { name: 'Copy' }).click();
    await expect(surgeForm.getByRole('button', { name: 'Copied' })).toBeVisible();
    expect(await admin.evaluate('navigator.clipboard.readText()')).toContain(password);

    const surge = await (await browser.newContext()).newPage();
    await logIn(surge, url, username, password);
    const card = surge.getByRole('form', { name: 'Start your shift' });
    await expect(card.getByLabel('Department')).toHaveValue('customer-care');
    await expect(card.getByText('refunds')).toBeVisible();
    await card.getByRole('button', { name: 'Check in' }).click();
    await expect(surge.getByTestId('shift-chip')).toContainText('On shift · Customer care');
    await expect(card).toBeHidden();

    // The room pushes a refund question to her (she is on shift with the skill): a notice on her
    // desk, with the caller's words as text.
    await withDesk(url, DEFAULT_ROOM.admin, DEFAULT_ROOM.password, (desk) =>
      command(desk, 'mention.create', {
        channel: 'phone',
        author: { handle: 'caller' },
        text: 'Where is my refund? <b>3 weeks</b> now',
      }),
    );
    const notice = surge.getByTestId('assigned-notice');
    await expect(notice).toContainText('Assigned to you');
    await expect(notice).toContainText('Where is my refund? <b>3 weeks</b> now');

    const row = dialog.getByTestId('roster-table').getByRole('row', { name: /Maya Demir/ });
    await expect(row).toContainText('Customer care');
    await expect(row).toContainText('1/3');
    await expect(row).toContainText('refunds');

    // It is hers in the queue; she answers it and her load drops on the lead's roster.
    await surge.getByTestId('mention-row').filter({ hasText: 'Where is my refund' }).click();
    await expect(surge.getByTestId('claim-state')).toContainText('Claimed by Maya Demir');
    // The lead's wall screen follows: answered within the target in the last hour.
    const leadWall = await admin.context().newPage();
    await logIn(leadWall, url, DEFAULT_ROOM.admin, DEFAULT_ROOM.password);
    await leadWall.getByTestId('staffing-open').click();
    await leadWall.getByTestId('wall-open').click();
    const within = leadWall.getByTestId('wall-screen').locator('.wall-tile').nth(2);
    await expect(within).toContainText('—');
    await surge.getByRole('button', { name: /Mark answered/ }).click();
    await expect(row).toContainText('0/3');
    await expect(within).toContainText('100 %');

    // A lead checks her out from the roster; her desk shows the card again.
    await row.getByRole('button', { name: 'Check out' }).click();
    await expect(dialog.getByText('Nobody is on shift.')).toBeVisible();
    await expect(surge.getByTestId('shift-chip')).toBeHidden();
    await expect(surge.getByRole('form', { name: 'Start your shift' })).toBeVisible();
  });
});
