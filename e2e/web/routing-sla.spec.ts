import { expect, test } from '@playwright/test';
import { command, withDesk } from '../support/desk';
import { logIn } from '../support/login';
import { DEFAULT_ROOM, withRoomStation } from '../support/station';

const ADMIN = { username: DEFAULT_ROOM.admin, password: DEFAULT_ROOM.password };
const LAWYER = 'My lawyer will hear about my lost bag';

// A lead (Ana) watches the queue while the admin tightens the SLA until the mention breaches.
test('a lawyer mention lands in Legal with a countdown; after a breach the lead is told and the priority rises', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  await withRoomStation(async (station) => {
    const url = station.url;
    await withDesk(url, ADMIN.username, ADMIN.password, async (desk) => {
      await command(desk, 'operator.create', {
        username: 'ana',
        displayName: 'Ana Lead',
        password: 'ana-password',
        role: 'lead',
      });
      await command(desk, 'mention.create', {
        channel: 'twitter',
        author: { handle: '@rita' },
        text: LAWYER,
      });
    });

    const ana = await (await browser.newContext()).newPage();
    await logIn(ana, url, 'ana', 'ana-password');
    const row = ana.getByTestId('mention-row').filter({ hasText: 'lawyer' });
    await expect(row.getByTestId('sla-countdown')).toHaveText(/1[45] min left/);
    await row.click();
    const detail = ana.getByTestId('mention-detail');
    await expect(detail.getByTestId('routing-summary')).toHaveText(
      "Routed to Legal by rule 'Legal threat' (topic legal ('lawyer*'))",
    );
    await expect(detail.getByText('90', { exact: true })).toBeVisible();

    // The admin: bad routing YAML is refused by line; then a tiny target for urgent mentions.
    const admin = await (await browser.newContext()).newPage();
    await logIn(admin, url, ADMIN.username, ADMIN.password);
    await admin.getByRole('button', { name: 'Routing and SLA' }).click();
    const rules = admin.getByLabel('Routing rules', { exact: true });
    await expect(rules).toHaveValue(/Legal threat/);
    await rules.fill('version: 1\nrules:\n  - name: x\n    then: { department: moon }\n');
    await admin.getByRole('button', { name: 'Save rules' }).click();
    await expect(admin.getByRole('alert')).toContainText('routing.yaml:4');
    await admin.getByRole('tab', { name: 'SLA targets' }).click();
    await admin.getByLabel('urgent (priority ≥ 80): minutes').fill('0.02');
    await admin.getByRole('button', { name: 'Save targets' }).click();
    await expect(admin.getByRole('status').filter({ hasText: 'SLA targets saved' })).toBeVisible();

    // The station's scheduler breaches it within a tick; the lead sees the notice and priority 100.
    await expect(ana.getByTestId('sla-breach-notice')).toContainText(
      'SLA breached (priority now 100)',
      { timeout: 20_000 },
    );
    await expect(row.getByTestId('sla-countdown')).toHaveAttribute('data-state', 'breached');
    await expect(detail.getByText('100', { exact: true })).toBeVisible();
    await expect(
      detail.getByText('First-response target missed: priority raised to 100'),
    ).toBeVisible();
  });
});
