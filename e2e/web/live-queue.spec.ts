import { expect, test } from '../support/fixtures';
import { command, withDesk } from '../support/desk';

const ADMIN = { username: 'lead', password: 'correct horse battery' };

test('new mentions arrive without moving the row you are on', async ({ page, station }) => {
  // 120 mentions from the past, then the lead opens the queue and picks one well down the list.
  await withDesk(station.url, ADMIN.username, ADMIN.password, async (desk) => {
    for (let i = 0; i < 120; i++) {
      await command(desk, 'mention.create', {
        channel: 'phone',
        author: { handle: `caller-${i}` },
        text: `Earlier call number ${i}`,
        occurredAt: new Date(Date.UTC(2026, 0, 1, 8, i)).toISOString(),
      });
    }
  });
  await page.goto(station.url);
  await page.getByLabel('Username').fill(ADMIN.username);
  await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByTestId('queue-total')).toHaveText('120 mentions');
  for (let i = 0; i < 8; i++) await page.keyboard.press('j');
  const selected = page.locator('[data-testid="mention-row"][aria-selected="true"]');
  await expect(selected).toContainText('Earlier call number 112');
  const before = await selected.boundingBox();

  // Meanwhile, 15 newer mentions come in from another desk.
  await withDesk(station.url, ADMIN.username, ADMIN.password, async (desk) => {
    for (let i = 0; i < 15; i++) {
      await command(desk, 'mention.create', {
        channel: 'email',
        author: { handle: `new-${i}` },
        text: `Fresh complaint ${i}`,
      });
    }
  });
  await expect(page.getByTestId('queue-total')).toHaveText('135 mentions');
  await expect(selected).toContainText('Earlier call number 112');
  await expect
    .poll(async () => Math.round((await selected.boundingBox())?.y ?? -1))
    .toBe(Math.round(before?.y ?? 0));
  await expect(page.getByTestId('mention-detail')).toContainText('Earlier call number 112');
});
