import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { command, withDesk, type DeskSocket } from '../support/desk';
import { logIn } from '../support/login';
import { DEFAULT_ROOM, withRoomStation } from '../support/station';

const ADMIN = { username: DEFAULT_ROOM.admin, password: DEFAULT_ROOM.password };
const HOSTILE = '<script>alert("pwned")</script> my kettle exploded';

// One phase, one step, no gate: a lead can close the run as soon as the step is done.
const PLAYBOOK = `id: kettle
name: Kettle recall
summary: A one-step run for the review test.
severity: { default: SEV2 }
statusUpdates: { SEV1: 30m, SEV2: 1h, SEV3: 4h, SEV4: 1d }
stakeholders:
  - { audience: customers, owner: operator, channel: social replies, what: what to do now }
phases:
  - id: hold
    name: Holding statement
    steps:
      - id: statement
        title: Send the holding statement
        owner: lead
        due: { after: 1d }
`;
const STORM = PLAYBOOK.replace('id: kettle', 'id: storm').replace('Kettle recall', 'Winter storm');

type Saved = { message: { id: string; contentHash: string } };

/** Three tweets from the last half hour (one of them HTML), as a connector's export would bring. */
function tweets(now: number): string {
  const line = (i: number, minutesAgo: number, text: string) =>
    JSON.stringify({
      id: `t${i}`,
      channel: 'twitter',
      author: `@customer${i}`,
      text,
      created_at: new Date(now - minutesAgo * 60_000).toISOString(),
      brand: 'Acme',
    });
  return [
    line(1, 30, HOSTILE),
    line(2, 20, 'Is my Acme kettle part of the recall?'),
    line(3, 10, 'Still waiting for an answer about my kettle'),
  ].join('\n');
}

/**
 * A small incident, scripted at the station: tweets arrive, a phone call is logged after the fact,
 * a lead starts a playbook, an operator answers one tweet and replies to another, a statement is
 * approved by PR and sent, and the run is closed.
 */
async function scriptIncident(url: string, desk: DeskSocket): Promise<void> {
  await command(desk, 'operator.create', {
    username: 'ana',
    displayName: 'Ana Operator',
    password: 'ana-password',
    role: 'operator',
  });
  await command(desk, 'operator.create', {
    username: 'pat',
    displayName: 'Pat Approver',
    password: 'pat-password',
    role: 'approver',
    areas: ['pr'],
  });
  // The last incident, closed before this one began: the one to compare with.
  const storm = await command<{ run: { id: string } }>(desk, 'run.start', { playbookId: 'storm' });
  for (const action of [
    { type: 'run.step', stepId: 'statement' },
    { type: 'run.close', summary: 'Storm passed' },
  ])
    await command(desk, 'run.act', { runId: storm.run.id, action });
  const now = Date.now();
  const login = (await (
    await fetch(new URL('/api/login', url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    })
  ).json()) as { token: string };
  const imported = await fetch(new URL('/api/import?preset=generic-jsonl', url), {
    method: 'POST',
    headers: { authorization: `Bearer ${login.token}` },
    body: tweets(now),
  });
  expect(await imported.text()).toContain('"imported":3');
  // A caller rang 25 minutes ago; the desk types it in now.
  await command(desk, 'mention.create', {
    channel: 'phone',
    author: { handle: '+44 20 7946 0000' },
    text: 'Caller says the kettle sparked twice',
    occurredAt: new Date(now - 25 * 60_000).toISOString(),
  });
  const run = await command<{ run: { id: string } }>(desk, 'run.start', { playbookId: 'kettle' });

  await withDesk(url, 'ana', 'ana-password', async (ana) => {
    await command(ana, 'mention.claim', { mentionId: 'twitter:t1', basis: null });
    await command(ana, 'mention.answer', { mentionId: 'twitter:t1' });
    // Releasing a mention nobody holds: refused, and kept in the log with why.
    await expect(command(ana, 'mention.release', { mentionId: 'twitter:t3' })).rejects.toThrow(
      'nobody holds it',
    );
    const reply = await command<Saved>(ana, 'message.save', {
      kind: 'reply',
      mentionId: 'twitter:t2',
      language: 'en',
      channel: 'twitter',
      text: 'Hi, yes: please DM us your batch number.',
    });
    await command(ana, 'message.send', {
      messageId: reply.message.id,
      contentHash: reply.message.contentHash,
      via: ['clipboard'],
    });
  });
  const statement = await command<Saved>(desk, 'message.save', {
    kind: 'statement',
    language: 'en',
    channel: 'press',
    text: 'We are recalling batch 12 of the Acme kettle as a precaution.',
    submit: true,
  });
  await withDesk(url, 'pat', 'pat-password', (pat) =>
    command(pat, 'message.review', {
      messageId: statement.message.id,
      decision: 'approve',
      area: 'pr',
      contentHash: statement.message.contentHash,
    }),
  );
  await command(desk, 'message.send', {
    messageId: statement.message.id,
    contentHash: statement.message.contentHash,
    via: ['clipboard'],
    audience: 'public',
  });
  await command(desk, 'run.act', {
    runId: run.run.id,
    action: { type: 'run.step', stepId: 'statement' },
  });
  await command(desk, 'run.act', {
    runId: run.run.id,
    action: { type: 'run.close', summary: 'Batch 12 recalled' },
  });
}

/** The value shown on a KPI tile. */
const tile = (page: Page, id: string) => page.getByTestId(`kpi-${id}`).getByTestId('kpi-value');

test('a closed run’s review: KPI tiles, a filtered timeline, an annotation that stays, an HTML export', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const library = (dir: string) => {
    mkdirSync(path.join(dir, 'playbooks'));
    writeFileSync(path.join(dir, 'playbooks', 'kettle.yaml'), PLAYBOOK);
    writeFileSync(path.join(dir, 'playbooks', 'storm.yaml'), STORM);
    return { env: { HOLDLINE_PLAYBOOKS_DIR: path.join(dir, 'playbooks') } };
  };
  await withRoomStation(async (station) => {
    await withDesk(station.url, ADMIN.username, ADMIN.password, (desk) =>
      scriptIncident(station.url, desk),
    );
    await logIn(page, station.url, ADMIN.username, ADMIN.password);

    // From the closed run's board to its review.
    await page.getByRole('button', { name: 'Playbooks' }).click();
    await expect(page.getByTestId('run-state')).toHaveText('closed');
    await page.getByTestId('run-board').getByRole('button', { name: 'Review' }).click();
    const screen = page.getByTestId('review-screen');
    await expect(screen.getByTestId('review-title')).toContainText('Kettle recall');

    // The figures of the incident, each with its definition.
    await expect(tile(page, 'volume')).toHaveText('4');
    await expect(tile(page, 'answered')).toHaveText('2');
    await expect(tile(page, 'never-touched')).toHaveText('2');
    await expect(tile(page, 'double-answers')).toHaveText('0');
    await expect(tile(page, 'within-target')).toHaveText('100%');
    await expect(page.getByTestId('kpi-first-response-p50')).toContainText('2 of 4 answered');
    const neverTouched = page.getByTestId('kpi-never-touched');
    await neverTouched.getByRole('button', { name: 'What “Never touched” means' }).click();
    await expect(neverTouched.getByText(/nobody ever claimed/)).toBeVisible();
    for (const id of ['volume', 'sentiment', 'response', 'backlog', 'staffing'])
      await expect(page.getByTestId(`chart-${id}`).locator('svg').first()).toBeVisible();

    // The timeline: every event, the phone call where it happened (recorded later), then filtered.
    const events = page.getByTestId('timeline-event');
    const count = page.getByTestId('timeline-count');
    await expect(count).toHaveText(/^\d+ of \d+ events$/);
    const total = Number((await count.textContent())?.split(' ')[0]);
    const call = events.filter({ hasText: 'Mention logged at a desk' });
    await expect(call.getByTestId('recorded-apart')).toContainText('recorded');
    const refused = events.filter({ hasText: 'nobody holds it' });
    await expect(refused).toHaveAttribute('data-kind', 'refused');
    await expect(refused).toContainText('Refused: release of a mention — nobody holds it');
    await expect(refused.getByRole('button', { name: 'Mention' })).toBeVisible();
    await expect(page.getByTestId('timeline-refused')).toHaveText('1 refused action');
    const timeline = page.locator('#review-timeline');
    for (const group of ['Alerts', 'Playbook run', 'Queue', 'Staffing', 'Refused'])
      await timeline.getByText(group, { exact: true }).click();
    await expect(count).not.toHaveText(`${total} of ${total} events`);
    await expect(events.first()).toBeVisible();
    for (const kind of await events.evaluateAll((els) => els.map((e) => e.dataset.kind)))
      expect(['draft', 'approval-asked', 'review', 'statement-sent', 'reply-sent']).toContain(kind);
    const sent = events.filter({ hasText: 'Statement sent' });
    await expect(sent).toContainText('first statement');
    await timeline.getByLabel('Words').fill('public');
    await expect(count).toHaveText(`1 of ${total} events`);
    await timeline.getByLabel('Words').fill('');
    await timeline.getByText('Queue', { exact: true }).click();

    // The hostile tweet, pinned from its answer, is shown as words, never run.
    // (The reply sent to the second tweet answered it too: the first answer is the hostile one's.)
    const answered = events.filter({ hasText: 'Mention answered' }).first();
    await answered.getByRole('button', { name: 'Pin' }).click();
    await expect(answered.getByTestId('pinned-text')).toHaveText(HOSTILE);
    await expect(page.getByTestId('pinned-mention')).toContainText(HOSTILE);
    await expect(screen.locator('script')).toHaveCount(0);

    // Annotate the statement; the note is there after a reload, in the review's history.
    await sent.getByRole('button', { name: 'Annotate' }).click();
    await sent.getByLabel('Note on this event').fill('Sent 30 minutes after the first tweet');
    await sent.getByRole('button', { name: 'Save' }).click();
    await expect(sent.getByTestId('annotation')).toContainText(
      'Sent 30 minutes after the first tweet',
    );
    await page.reload();
    await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();
    await page.getByRole('button', { name: 'Reviews' }).click();
    await page
      .getByTestId('review-entry')
      .filter({ hasText: 'Kettle recall' })
      .getByRole('button')
      .click();
    const again = page.getByTestId('timeline-event').filter({ hasText: 'Statement sent' });
    await expect(again.getByTestId('annotation')).toContainText(
      'Sent 30 minutes after the first tweet',
    );

    // Export the report as HTML, customers' details included: the note and the tweet, escaped.
    await page.getByLabel('Redact customers’ details').uncheck();
    const download = page.waitForEvent('download');
    await page.getByTestId('export-html').click();
    const file = testInfo.outputPath('review.html');
    await (await download).saveAs(file);
    const html = readFileSync(file, 'utf8');
    expect(html).toContain('Kettle recall');
    expect(html).toContain('Sent 30 minutes after the first tweet');
    expect(html).toContain('&lt;script&gt;alert');
    expect(html).not.toContain('<script>alert');

    // This storm against the last one: the same figures side by side.
    const compare = page.locator('#review-compare');
    const storm = await compare.locator('option', { hasText: 'Winter storm' }).textContent();
    await compare.getByLabel('Compare with').selectOption({ label: storm ?? '' });
    await expect(compare.getByTestId('compare-this').getByTestId('kpi-volume')).toContainText('4');
    await expect(compare.getByTestId('compare-other').getByTestId('kpi-volume')).toBeVisible();
    await expect(compare.getByTestId('compare-other').locator('svg').first()).toBeVisible();

    // The retrospective: a section and an action item, then through review to closed: read-only.
    const retro = page.getByTestId('retro');
    await retro.getByLabel('Summary').fill('Batch 12 sparked; recalled within the hour.');
    await retro.getByTestId('retro-summary').getByRole('button', { name: 'Save' }).click();
    await expect(retro.getByTestId('retro-summary')).toContainText(/lead, \d/);
    const actions = retro.getByTestId('action-items');
    await actions.getByLabel('Action', { exact: true }).fill('Pre-approve a recall statement');
    await actions.getByLabel('Owner', { exact: true }).fill('Pat Approver');
    await actions.getByRole('button', { name: 'Add' }).click();
    const item = actions.getByTestId('action-item');
    await expect(item).toContainText('Pre-approve a recall statement');
    await item.getByRole('checkbox', { name: 'Done: Pre-approve a recall statement' }).check();
    await expect(item).toHaveClass(/done/);
    await retro.getByRole('button', { name: 'Send for review' }).click();
    await expect(retro.getByTestId('retro-status')).toHaveText('In review');
    await retro.getByRole('button', { name: 'Close the retrospective' }).click();
    await expect(retro.getByTestId('retro-status')).toHaveText('Closed');
    await expect(retro.locator('textarea')).toHaveCount(0);
    await expect(retro.getByTestId('retro-summary')).toContainText('recalled within the hour');
    await expect(screen.getByRole('button', { name: 'Annotate' })).toHaveCount(0);
    await retro.getByText('Status history').click();
    await expect(retro.locator('.retro-history li')).toHaveText([
      /^Draft · lead/,
      /^In review · lead/,
      /^Closed · lead/,
    ]);
    expect(dialogs).toEqual([]);
  }, library);
});
