import { expect, test } from '@playwright/test';
import { createOperators } from '../support/desk';
import { DEFAULT_ROOM, withRoomStation } from '../support/station';
import { logIn } from '../support/login';

test('a lead plans an event from its curve, then sets surge by hand; another desk shows the banner', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  await withRoomStation(async (station) => {
    await createOperators(
      station.url,
      { username: DEFAULT_ROOM.admin, password: DEFAULT_ROOM.password },
      [
        {
          username: 'lea',
          displayName: 'Lea Lead',
          password: 'lea-password',
          role: 'lead',
          departments: ['pr'],
        },
        {
          username: 'ana',
          displayName: 'Ana Care',
          password: 'ana-password',
          role: 'operator',
          departments: ['customer-care'],
        },
      ],
    );
    const lead = await (await browser.newContext()).newPage();
    const ana = await (await browser.newContext()).newPage();
    await logIn(lead, station.url, 'lea', 'lea-password');
    await logIn(ana, station.url, 'ana', 'ana-password');
    await expect(ana.getByTestId('staffing-banner')).toHaveCount(0);

    // The planner: a two-hour event, its expected mentions per half hour typed over the
    // typical curve it starts from.
    await lead.getByTestId('staffing-open').click();
    const dialog = lead.getByRole('dialog', { name: 'Staffing' });
    await dialog.getByRole('button', { name: 'Event planner' }).click();
    await dialog.getByLabel('Name').fill('New Year gala');
    await dialog.getByLabel('Starts').fill('2026-12-31T20:00');
    await dialog.getByLabel('Ends').fill('2026-12-31T22:00');
    await dialog.getByLabel('Brands (comma-separated)').fill('Aurora');
    const curve = dialog.locator('.planner-curve input');
    await expect(curve).toHaveCount(4);
    expect(Number(await curve.nth(0).inputValue())).toBeGreaterThan(0); // prefilled
    for (const [i, n] of [100, 400, 1200, 300].entries()) await curve.nth(i).fill(String(n));
    await dialog.getByRole('button', { name: 'Save and plan' }).click();
    const chart = dialog.getByTestId('plan-chart');
    await expect(chart.locator('.recharts-bar-rectangle')).toHaveCount(4);
    await expect(chart.locator('.recharts-line-curve')).toHaveCount(1);
    const peak = await dialog.getByTestId('plan-peak').textContent();
    const staff = Number(/Peak: (\d+) staff/.exec(peak ?? '')?.[1]);
    // 1,200 mentions in 30 min at 240 s = 160 Erlangs: ≥ 160 / 0.85 on the queue, / 0.8 rostered.
    expect(staff).toBeGreaterThanOrEqual(Math.ceil(160 / 0.85 / 0.8));
    await expect(dialog.getByRole('button', { name: /New Year gala/ })).toBeVisible();

    // The lead holds the room at surge, with why.
    await dialog.getByRole('button', { name: 'Now' }).click();
    await dialog.getByLabel('Set the level').selectOption({ label: 'Surge' });
    await dialog.getByLabel('Why').fill('stage collapse, all hands');
    await dialog.getByRole('button', { name: 'Set', exact: true }).click();
    await expect(dialog.getByTestId('staffing-level')).toContainText('Surge');
    await expect(dialog.getByTestId('staffing-level')).toContainText('set by hand');
    await expect(dialog.locator('.staffing-changes li').first()).toContainText(
      'stage collapse, all hands',
    );

    // The room's own thresholds: a mistake names its path; saved, every desk reads them.
    await dialog.getByRole('button', { name: 'Thresholds' }).click();
    await expect(dialog.getByTestId('thresholds-source')).toHaveText(
      'The default thresholds: change them to suit this room.',
    );
    const yaml = dialog.getByLabel('Staffing thresholds (YAML)');
    const text = await yaml.inputValue();
    await yaml.fill(text.replace(/queueDepth: 25\n/, 'queueDepth: 500\n'));
    await dialog.getByRole('button', { name: 'Save the thresholds' }).click();
    await expect(dialog.getByRole('alert')).toContainText('surge.enter.queueDepth');
    await yaml.fill(text.replace(/queueDepth: 25\n/, 'queueDepth: 15\n'));
    await dialog.getByRole('button', { name: 'Save the thresholds' }).click();
    await expect(dialog.getByTestId('thresholds-source')).toHaveText("This room's own thresholds.");
    // The on-call reserves, called in when the room rises.
    await dialog.getByRole('button', { name: 'Reserves' }).click();
    await dialog
      .getByLabel('On-call reserves (YAML)')
      .fill(
        '- id: ana-k\n  name: Ana K.\n  phone: +48 600 100 200\n- id: bo\n  name: Bo\n  email: bo@example.com\n',
      );
    await dialog.getByRole('button', { name: 'Save the reserves' }).click();
    await expect(dialog.getByRole('status')).toContainText('Saved');
    await dialog.getByRole('button', { name: 'Now' }).click();
    const sheet = dialog.getByTestId('reserve-call');
    await expect(sheet).toContainText('Call in the reserves (Surge)');
    const anaK = sheet.getByTestId('reserve').filter({ hasText: 'Ana K.' });
    await expect(anaK.getByRole('link', { name: '+48 600 100 200' })).toHaveAttribute(
      'href',
      'tel:+48600100200',
    );
    await anaK.getByRole('button', { name: 'Coming' }).click();
    await expect(anaK.getByTestId('reserve-outcome')).toHaveText('Coming · Lea Lead');

    // Every desk: the banner with the reason, the chip in the header, and the wall screen.
    const banner = ana.getByTestId('staffing-banner');
    await expect(banner).toContainText('Surge');
    await expect(banner).toContainText('stage collapse, all hands');
    await expect(banner.getByTestId('banner-reserves')).toHaveText('Reserves: 1 of 2 coming');
    await expect(ana.getByTestId('staffing-chip')).toHaveText('Surge');
    await ana.getByTestId('staffing-open').click();
    const board = ana.getByRole('dialog', { name: 'Staffing' });
    await expect(board.getByRole('button', { name: 'Set', exact: true })).toHaveCount(0);
    await board.getByRole('button', { name: 'Thresholds' }).click();
    await expect(board.getByLabel('Staffing thresholds (YAML)')).toHaveValue(/queueDepth: 15\n/);
    await expect(board.getByRole('button', { name: 'Save the thresholds' })).toHaveCount(0);
    await board.getByTestId('wall-open').click();
    await expect(ana.getByTestId('wall-screen')).toContainText('Surge');
    await expect(ana.getByTestId('wall-screen')).toContainText('Oldest waiting');
  });
});
