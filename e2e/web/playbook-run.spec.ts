import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { command, createOperators, withDesk } from '../support/desk';
import { DEFAULT_ROOM, withRoomStation } from '../support/station';
import { logIn } from '../support/login';

// A playbook with deadlines short enough to watch one pass: the station reads its library from
// HOLDLINE_PLAYBOOKS_DIR, the way an admin's own playbooks would be.
const DRILL = `id: drill
name: Recall drill
summary: A short drill with a gate and a deadline that passes during the test.
severity: { default: SEV3 }
statusUpdates: { SEV1: 30m, SEV2: 1h, SEV3: 4h, SEV4: 1d }
stakeholders:
  - { audience: customers, owner: operator, channel: social replies, what: what to do now }
phases:
  - id: hold
    name: Holding statement
    steps:
      - id: draft
        title: Draft the holding statement
        owner: operator
        due: { after: 1h }
        gate: { approver: approver, what: the holding statement }
      - id: call-supplier
        title: Call the supplier
        owner: lead
        due: { after: 3s }
        escalation:
          actions:
            - { do: raise-severity }
  - id: review
    name: Review
    steps:
      - id: lessons
        title: Write down what we learned
        owner: lead
        due: { after: 1d }
`;

test('a lead starts a playbook; the gate waits for an approver at another desk; an overdue step escalates', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const playbooks = (dir: string) => {
    const library = path.join(dir, 'playbooks');
    mkdirSync(library);
    writeFileSync(path.join(library, 'drill.yaml'), DRILL);
    return { env: { HOLDLINE_PLAYBOOKS_DIR: library } };
  };
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
          username: 'gil',
          displayName: 'Gil Legal',
          password: 'gil-password',
          role: 'approver',
          departments: ['legal'],
        },
      ],
    );
    const leadPage = await (await browser.newContext()).newPage();
    const gilPage = await (await browser.newContext()).newPage();
    await logIn(leadPage, station.url, 'lea', 'lea-password');
    await logIn(gilPage, station.url, 'gil', 'gil-password');

    // A caller's complaint is open in the queue when the lead starts the drill: the run links it.
    await withDesk(station.url, DEFAULT_ROOM.admin, DEFAULT_ROOM.password, (desk) =>
      command(desk, 'mention.create', {
        channel: 'phone',
        author: { handle: '+1 555 0199' },
        text: 'My kettle sparked when I switched it on',
      }),
    );
    await leadPage.getByTestId('mention-row').first().click();
    await leadPage.getByRole('button', { name: 'Playbooks' }).click();
    await expect(leadPage.getByLabel(/Link the mention open in the queue/)).toBeChecked();
    await leadPage.getByLabel('Topics (comma-separated)').fill('kettle, recall');
    const entry = leadPage.getByTestId('playbook-entry').filter({ hasText: 'Recall drill' });
    await expect(entry).toContainText('2 phases, 3 steps');
    await entry.getByRole('button', { name: 'Start Recall drill' }).click();
    const download = leadPage.waitForEvent('download');
    await entry.getByRole('button', { name: 'Export YAML' }).click();
    expect((await download).suggestedFilename()).toBe('drill.yaml');
    const board = leadPage.getByTestId('run-board');
    await expect(board.getByTestId('run-state')).toHaveText('phase: Holding statement');
    await expect(board.getByTestId('run-topics')).toHaveText('Topics: kettle, recall');
    await expect(board).toContainText('1 linked mention');

    // The severity banner is on every desk while the run is open.
    await expect(gilPage.getByTestId('severity-banner')).toContainText('Recall drill');

    const draft = board.locator('[data-step="draft"]');
    await draft.getByRole('button', { name: 'Mark done' }).click();
    await expect(draft.getByTestId('run-gate')).toHaveText(
      'Waits for Approver: the holding statement',
    );
    await expect(draft.getByRole('button', { name: 'Approve' })).toHaveCount(0); // a lead cannot approve an approver's gate
    await expect(board.getByRole('button', { name: 'Next phase' })).toBeDisabled();

    // Gil approves at his own desk; the lead's board shows it and the phase can move on.
    await gilPage
      .getByTestId('severity-banner')
      .getByRole('button', { name: 'Open the run board' })
      .click();
    await gilPage
      .getByTestId('run-board')
      .locator('[data-step="draft"]')
      .getByRole('button', { name: 'Approve' })
      .click();
    await expect(draft.getByTestId('run-gate')).toHaveText('Approved by Approver');

    // "Call the supplier" was due 3 s after the start: the station escalates it (SEV3 → SEV2).
    await expect(board.getByTestId('run-severity')).toHaveText('SEV2', { timeout: 20_000 });
    await expect(board.locator('[data-step="call-supplier"]')).toContainText('escalated');
    const supplier = board.locator('[data-step="call-supplier"]');
    await supplier.getByLabel('Note (optional)').fill('Supplier confirmed: batch 12 only');
    await supplier.getByRole('button', { name: 'Mark done' }).click();
    await expect(supplier).toContainText('done by Lea Lead');
    await expect(supplier).toContainText('Supplier confirmed: batch 12 only');
    await expect(board.getByTestId('run-commander')).toHaveText('Incident commander: Lea Lead');
    await board.getByRole('button', { name: 'Status update sent' }).click();
    // The lead hands command over; the board keeps who held it and since when.
    const commander = board.getByLabel('Change the incident commander');
    const other = await commander
      .locator('option')
      .filter({ hasNotText: 'Lea Lead' })
      .first()
      .textContent();
    await commander.selectOption({ label: other ?? '' });
    await expect(board.getByTestId('run-commander')).toHaveText(`Incident commander: ${other}`);
    await expect(board.getByTestId('run-commanders')).toContainText('Lea Lead');
    await board.getByRole('button', { name: 'Next phase' }).click();
    await expect(board.getByTestId('run-state')).toHaveText('phase: Review');
  }, playbooks);
});

/** Thirty hours of ordinary traffic about Acme, then an hour with twelve times as much. */
function spikeFeed(start: number): string {
  const lines: string[] = [];
  const line = (i: number, at: number, text: string) =>
    JSON.stringify({
      id: `feed-${i}`,
      channel: 'twitter',
      author: `@c${i % 50}`,
      text,
      created_at: new Date(at).toISOString(),
      brand: 'Acme',
    });
  for (let i = 0; i < 300; i++)
    lines.push(line(i, start + i * 360_000, `order ${i} arrived, thanks`));
  for (let i = 0; i < 120; i++)
    lines.push(
      line(
        300 + i,
        start + 30 * 3_600_000 + i * 30_000,
        `kettle ${i} sparked when I switched it on`,
      ),
    );
  return lines.join('\n') + '\n';
}

test('a spike raises an alert on every desk, and a lead starts a playbook from it', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await withRoomStation(async (station) => {
    await logIn(page, station.url, DEFAULT_ROOM.admin, DEFAULT_ROOM.password);
    await page.getByRole('button', { name: 'Playbooks' }).click();
    await expect(page.getByText('No alert has fired.')).toBeVisible();

    // The feed arrives through the running station, as a connector's would.
    const login = (await (
      await fetch(new URL('/api/login', station.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: DEFAULT_ROOM.admin, password: DEFAULT_ROOM.password }),
      })
    ).json()) as { token: string };
    const imported = await fetch(new URL('/api/import?preset=generic-jsonl', station.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${login.token}` },
      body: spikeFeed(Date.UTC(2026, 1, 7, 12)),
    });
    expect(await imported.text()).toContain('"imported":420');

    const alert = page.getByTestId('alert');
    await expect(alert).toHaveCount(1);
    await expect(alert.first()).toContainText('Volume spike · Acme');
    await alert
      .first()
      .getByText(/mentions that caused it/)
      .click();
    await expect(alert.first().getByTestId('alert-mentions')).toContainText(
      'sparked when I switched it on',
    );
    await alert.getByLabel('Playbook to start').selectOption({ label: 'Product recall' });
    await alert.getByRole('button', { name: 'Start playbook' }).click();
    await expect(page.getByTestId('run-board')).toContainText('Product recall');
    await expect(alert).toContainText('A run answers it');
    await expect(page.getByTestId('severity-banner')).toContainText('Product recall');
  });
});
