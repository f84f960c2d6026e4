import { expect, test, type Page } from '@playwright/test';
import { command, withDesk } from '../support/desk';
import { logIn } from '../support/login';
import { DEFAULT_ROOM, withRoomStation } from '../support/station';

const ADMIN = { username: DEFAULT_ROOM.admin, password: DEFAULT_ROOM.password };
const KETTLE = 'My kettle sparked when I switched it on. Is this the recall?';
const HOSTILE_MENTION = '<img src=x onerror=alert(1)>';
const SCRIPT = '<script>alert(2)</script>';

/** Fails the test if the page ever opens an alert/confirm/prompt (an injected script ran). */
function watchForDialogs(page: Page, seen: string[]) {
  page.on('dialog', (d) => {
    seen.push(d.message());
    void d.dismiss();
  });
}

// An operator (Ana) and a PR approver (Pat) at two desks of one station, in two browser contexts.
test('a reply on a recall mention goes to PR, is approved at another desk, sent, and recorded', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  await withRoomStation(async (station) => {
    const url = station.url;
    await withDesk(url, ADMIN.username, ADMIN.password, async (desk) => {
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
      await command(desk, 'mention.create', {
        channel: 'twitter',
        author: { handle: '@rita', name: 'Rita Customer' },
        text: KETTLE,
      });
      await command(desk, 'mention.create', {
        channel: 'web',
        author: { handle: '@mallory' },
        text: HOSTILE_MENTION,
      });
    });

    const dialogs: string[] = [];
    const anaContext = await browser.newContext();
    await anaContext.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: url });
    const ana = await anaContext.newPage();
    const pat = await (await browser.newContext()).newPage();
    watchForDialogs(ana, dialogs);
    watchForDialogs(pat, dialogs);
    await logIn(ana, url, 'ana', 'ana-password');
    await logIn(pat, url, 'pat', 'pat-password');
    await expect(pat.getByTestId('approvals-count')).toHaveCount(0);

    // A mention whose text is HTML stays words on the screen.
    await ana.getByTestId('mention-row').filter({ hasText: 'onerror' }).click();
    await expect(ana.getByTestId('mention-text')).toHaveText(HOSTILE_MENTION);
    await expect(ana.getByTestId('mention-detail').locator('img')).toHaveCount(0);

    // Ana drafts on the kettle mention: the recall topic needs PR; the voice check flags a ban.
    await ana.getByTestId('mention-row').filter({ hasText: 'kettle' }).click();
    const composer = ana.getByTestId('composer');
    const required = composer.getByTestId('required-approvals');
    await expect(required).toHaveText('No approval needed');
    await composer.getByLabel('Topic tags (comma-separated)').fill('recall');
    await expect(required).toHaveText('Needs approval from PR');
    const text = composer.getByLabel('Reply text');
    await text.fill(`Hi Rita, we guarantee to replace your kettle. ${SCRIPT}`);
    const findings = composer.getByTestId('voice-finding');
    const banned = findings.filter({ hasText: 'we guarantee' });
    await expect(banned).toHaveAttribute('data-severity', 'block');
    // The recall topic also asks for its disclaimer (resources/voice/holdline-example.yaml).
    await expect(findings.filter({ hasText: 'example.com/recall' })).toHaveAttribute(
      'data-severity',
      'block',
    );
    const submit = composer.getByRole('button', { name: 'Submit for approval' });
    await expect(submit).toBeDisabled();
    await banned.getByRole('button', { name: /Replace with/ }).click();
    await expect(text).toHaveValue(
      `Hi Rita, we will do everything we can to replace your kettle. ${SCRIPT}`,
    );
    await expect(banned).toHaveCount(0);
    await expect(submit).toBeDisabled();
    const reply = `Hi Rita, we will do everything we can to replace your kettle. Visit example.com/recall for details. ${SCRIPT}`;
    await text.fill(reply);
    await expect(submit).toBeEnabled();
    await expect(
      composer.locator('[data-testid="voice-finding"][data-severity="block"]'),
    ).toHaveCount(0);
    await composer.getByRole('button', { name: 'Save draft' }).click();
    await expect(composer.getByTestId('message-state')).toHaveText('Draft');
    await expect(composer.getByRole('button', { name: /^Send/ })).toBeDisabled();
    await composer.getByRole('button', { name: 'Submit for approval' }).click();
    await expect(composer.getByTestId('message-state')).toHaveText('In review');
    await expect(composer.getByTestId('message-status')).toContainText(
      'Waiting for approval from PR',
    );

    // Pat's badge counts it; the approval shows the exact words, the mention, and the rule.
    await expect(pat.getByTestId('approvals-count')).toHaveText('1');
    await pat.keyboard.press('p');
    const review = pat.getByTestId('approval-review');
    await expect(review.getByTestId('review-text')).toHaveText(reply);
    await expect(review.getByTestId('approval-mention')).toContainText(KETTLE);
    await expect(review.getByTestId('review-rules')).toContainText(
      'Replies on a crisis topic need a PR lead',
    );
    await review.getByLabel('Comment (say what to change)').fill('Fine to send');
    await review.getByRole('button', { name: 'Approve for PR' }).click();
    await expect(pat.getByTestId('approvals-empty')).toBeVisible();
    await expect(pat.getByTestId('approvals-count')).toHaveCount(0);
    await pat.keyboard.press('Escape');

    // Ana's desk hears of the approval and sends: copied to the clipboard, recorded by name.
    await expect(composer.getByTestId('message-state')).toHaveText('Approved');
    await expect(composer.getByTestId('message-status')).toContainText(
      'Pat Approver: approved for PR',
    );
    await composer.getByRole('button', { name: /^Send/ }).click();
    await expect(composer.getByTestId('message-state')).toHaveText('Sent');
    await expect(composer.getByTestId('sent-by')).toContainText('Sent by Ana Operator at');
    await expect(composer.getByTestId('sent-by')).toContainText('(Copy to clipboard)');
    // The node tsconfig has no DOM types: the page function is given as source.
    expect(await ana.evaluate('navigator.clipboard.readText()')).toBe(reply);

    // The mention's history, on both desks: draft, submission, approval and send, who and when.
    for (const page of [ana, pat]) {
      if (page === pat) await pat.getByTestId('mention-row').filter({ hasText: 'kettle' }).click();
      const history = page.getByTestId('message-history');
      const ops = history.getByTestId('message-op');
      await expect(ops).toHaveCount(4);
      await expect(ops.nth(0)).toContainText('Ana Operator · wrote version 1');
      await expect(ops.nth(1)).toContainText('Ana Operator · submitted version 1 for approval');
      await expect(ops.nth(2)).toContainText('Pat Approver · approved for PR');
      await expect(ops.nth(2)).toContainText('Fine to send');
      await expect(ops.nth(3)).toContainText(
        'Ana Operator · sent on Twitter/X (Copy to clipboard)',
      );
      for (let i = 0; i < 4; i++)
        await expect(ops.nth(i).locator('time')).toHaveText(/\d{1,2}:\d{2}/);
      // The draft's words, script tag and all, are shown as text.
      await expect(history.getByTestId('version-text').first()).toHaveText(reply);
      await expect(history.locator('script')).toHaveCount(0);
    }
    expect(dialogs).toEqual([]);
  });
});

// The admin's side: who approves for what, the room's policy, and where sends go.
test('an admin gives an approver their areas, edits the policy (a mistake names its line) and sets a webhook', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await withRoomStation(async (station) => {
    await logIn(page, station.url, ADMIN.username, ADMIN.password);
    await page.getByRole('button', { name: 'People' }).click();
    const form = page.getByRole('form', { name: 'New account' });
    await form.getByLabel('Username', { exact: true }).fill('lex');
    await form.getByLabel('Name', { exact: true }).fill('Lex Legal');
    await form.getByLabel('Password').fill('lex-password');
    await form.getByLabel('Role').selectOption('approver');
    await form.getByRole('checkbox', { name: 'Legal' }).check();
    await form.getByRole('button', { name: 'Create account' }).click();
    const lex = page.getByRole('row').filter({ hasText: 'Lex Legal' });
    await expect(lex.getByRole('checkbox', { name: 'Lex Legal: Legal' })).toBeChecked();
    // Later, Lex also covers PR: one tick, recorded as an account change every desk sees.
    await lex.getByRole('checkbox', { name: 'Lex Legal: PR' }).check();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'People' }).click();
    await expect(
      page
        .getByRole('row')
        .filter({ hasText: 'Lex Legal' })
        .getByRole('checkbox', { name: 'Lex Legal: PR' }),
    ).toBeChecked();
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: /Approvals/ }).click();
    await page.getByRole('tab', { name: 'Policy and webhook' }).click();
    const policy = page.getByLabel('Approval policy');
    await expect(policy).toHaveValue(/Public statements need a PR lead/);
    await policy.fill(
      'rules:\n  - name: Replies need legal\n    kind: tweet\n    require: [legal]\nbackups: {}\n',
    );
    await page.getByRole('button', { name: 'Save the policy' }).click();
    await expect(page.getByRole('alert')).toContainText('policy.yaml:3:');
    await policy.fill(
      'rules:\n  - name: Replies need legal\n    kind: reply\n    require: [legal]\nbackups: {}\n',
    );
    await page.getByRole('button', { name: 'Save the policy' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
    await expect(page.getByText("The room's own policy, on every desk.")).toBeVisible();

    await page.getByLabel('Webhook URL (empty turns it off)').fill('https://hooks.example.com/x');
    await page.getByLabel('Signing secret (at least 16 characters)').fill('a-long-enough-secret');
    await page.getByRole('button', { name: 'Save the webhook' }).click();
    await expect(
      page.getByText('Sends marked webhook are posted to https://hooks.example.com/x, signed.'),
    ).toBeVisible();
  });
});
