import { expect, test } from '@playwright/test';
import { command, withDesk } from '../support/desk';
import { logIn } from '../support/login';
import { DEFAULT_ROOM, withRoomStation } from '../support/station';

const ADMIN = { username: DEFAULT_ROOM.admin, password: DEFAULT_ROOM.password };

// Four people ask the same thing (one of them in HTML); one writes about something else.
const WAVE = [
  {
    handle: '@kim',
    name: 'Kim Lee',
    text: '@acme my kettle from the recall, how do I get a refund?',
  },
  { handle: '@ola', text: '@ACME my kettle from the recall - how do i get a refund?? <b>now</b>' },
  { handle: '@pat', text: 'My kettle from the recall, how do I get a refund? https://t.co/x' },
  { handle: '@sam', text: '@acme my kettle from the recall how do I get a refund please' },
];
const OTHER = '@acme the new kettle works fine, thanks';

test('an operator answers a wave of the same question with one text, personalised per author', async ({
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
      for (const w of WAVE)
        await command(desk, 'mention.create', {
          channel: 'twitter',
          author: { handle: w.handle, ...(w.name && { name: w.name }) },
          text: w.text,
        });
      await command(desk, 'mention.create', {
        channel: 'twitter',
        author: { handle: '@lou' },
        text: OTHER,
      });
    });
    const context = await browser.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: url });
    const ana = await context.newPage();
    await logIn(ana, url, 'ana', 'ana-password');

    await ana.getByTestId('mention-row').filter({ hasText: '@kim' }).click();
    const wave = ana.getByTestId('wave');
    await expect(wave).toContainText('4 open mentions ask the same');
    await wave.getByRole('button', { name: 'Answer them as one wave' }).click();
    const members = wave.getByTestId('wave-member');
    await expect(members).toHaveCount(4);
    await expect(wave).not.toContainText(OTHER);
    // The HTML in a tweet is shown as its words.
    await expect(members.filter({ hasText: '<b>now</b>' })).toHaveCount(1);
    await expect(wave.locator('.wave-members b')).toHaveCount(0);
    // Sam is left out of this wave.
    await members.filter({ hasText: '@sam' }).getByRole('checkbox').uncheck();

    const text = wave.getByTestId('wave-text');
    await text.fill('Sorry about your kettle, reply with your receipt.');
    await expect(wave).toContainText('a wave answer names each author');
    await text.fill(
      'Hi {{author}}, sorry about your kettle: reply with your receipt (case {{case}}).',
    );
    await expect(wave.getByTestId('wave-preview')).toContainText(
      /What Kim Lee gets:Hi Kim Lee, sorry about your kettle: reply with your receipt \(case HL-[0-9A-Z]{6}\)\./,
    );
    await expect(wave.getByTestId('wave-required')).toHaveText('No approval needed');
    await wave.getByRole('button', { name: 'Send to 3 mentions' }).click();
    await expect(wave.getByTestId('wave-result')).toContainText('Sent to 3 mentions.');

    // Each author got their own words; the clipboard holds every reply under its author.
    const copied = String(await ana.evaluate('navigator.clipboard.readText()'));
    expect(copied).toContain('@kim\nHi Kim Lee, sorry about your kettle');
    expect(copied).toContain('@ola\nHi @ola, sorry about your kettle');
    expect(copied).toContain('@pat\nHi @pat, sorry');
    expect(copied).not.toContain('@sam');
    for (const handle of ['@kim', '@ola', '@pat'])
      await expect(
        ana.getByTestId('mention-row').filter({ hasText: handle }).locator('.chip.status'),
      ).toHaveText('Answered');
    await expect(
      ana.getByTestId('mention-row').filter({ hasText: '@sam' }).locator('.chip.status'),
    ).toHaveText('Open');
  });
});
