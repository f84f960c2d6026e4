import path from 'node:path';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { expect, test } from '../support/fixtures';
import { airlineStyleCsv } from '../support/csv-fixture';

// 60 tweets 37 s apart: 36 minutes of an airline storm, about 4 s at 600× real time.
const ROWS = 60;

test('a lead sets up a drill room and replays a past event into it at speed', async ({
  page,
  freshStation,
}) => {
  test.setTimeout(90_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'holdline-e2e-drill-'));
  try {
    const file = path.join(dir, 'storm.csv');
    writeFileSync(file, airlineStyleCsv(ROWS));
    await page.goto(freshStation.url);
    await page.getByLabel('War room name').fill('Storm rehearsal');
    await page.getByLabel('Username').fill('lea');
    await page.getByLabel('Your name').fill('Lea Lead');
    await page.getByLabel('Password', { exact: true }).fill('a-long-password');
    await page.getByLabel('Repeat the password').fill('a-long-password');
    await page.getByLabel('Drill room (a rehearsal)').check();
    await page.getByRole('button', { name: 'Create war room' }).click();
    await page.getByLabel('I have stored it').check();
    await page.getByRole('button', { name: 'Continue' }).click();

    // Every screen says this is a drill.
    const badge = page.getByTestId('drill-badge');
    await expect(badge).toHaveText('DRILL');
    await page.getByRole('button', { name: 'Drill', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Drill: replay a past event' });
    await dialog.getByLabel('Event file').setInputFiles(file);
    await dialog.getByLabel('Preset (column mapping)').selectOption('airline-2015');
    await dialog.getByLabel('Speed').selectOption('600');
    await dialog.getByRole('button', { name: 'Start the drill' }).click();

    const running = dialog.getByTestId('drill-running');
    await expect(running).toContainText('storm.csv');
    await dialog.getByRole('button', { name: 'Pause' }).click();
    await expect(running).toContainText('Paused');
    await expect(badge).toContainText('Paused');
    const paused = Number(/(\d+) of 60/.exec((await running.textContent()) ?? '')?.[1]);
    expect(paused).toBeLessThan(ROWS);
    await page.waitForTimeout(1_000);
    await expect(running).toContainText(`${paused} of 60 mentions`);
    await dialog.getByRole('button', { name: 'Resume' }).click();
    await expect(dialog.getByTestId('drill-last')).toContainText('Done · storm.csv · 60 of 60', {
      timeout: 30_000,
    });
    await dialog.getByRole('button', { name: '×' }).click();
    await expect(badge).toContainText(`Done ${ROWS}/${ROWS}`);
    await expect(page.getByTestId('queue-total')).toHaveText(`${ROWS} mentions`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
