import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { command, withDesk } from '../support/desk';
import { logIn } from '../support/login';
import { DEFAULT_ROOM, withRoomStation } from '../support/station';

const ADMIN = { username: DEFAULT_ROOM.admin, password: DEFAULT_ROOM.password };

// An export with the author's profile (name, email, phone), place and reply metadata: the kind
// of file a CRM or social tool gives. The station reads presets from this folder only.
const PRESET = `name: crm-jsonl
title: CRM export (JSON Lines)
format: jsonl
fields:
  externalId: { column: id }
  channel: { column: channel }
  authorHandle: { column: author }
  authorName: { column: name }
  authorEmail: { column: email }
  authorPhone: { column: phone }
  text: { column: text }
  occurredAt: { column: created_at }
  location: { column: location }
timeFormat: iso
metadata: [in_reply_to]
`;

function rows(now: number): string {
  const at = (minutesAgo: number) => new Date(now - minutesAgo * 60_000).toISOString();
  return [
    {
      id: 't1',
      channel: 'twitter',
      author: '@ana_k',
      name: 'Ana Kowalska',
      email: 'Ana.K@Example.com',
      location: 'Kraków',
      text: 'Lost my bag <b>again</b> &amp; <img src=x onerror="document.title=1">',
      created_at: at(50),
    },
    {
      id: '<m1@example.com>',
      channel: 'email',
      author: 'ana.k@example.com',
      text: 'Following up by email about my bag',
      created_at: at(20),
    },
    {
      id: 'call-1',
      channel: 'phone',
      author: '+48 600 100 200',
      name: 'Ana Kowalska',
      location: 'Kraków',
      text: 'Caller asks where her bag is',
      created_at: at(90),
    },
    {
      id: 't2',
      channel: 'twitter',
      author: '@kasia_w',
      in_reply_to: 't1',
      text: 'Same thing happened to me',
      created_at: at(40),
    },
  ]
    .map((r) => JSON.stringify(r))
    .join('\n');
}

test('the mention detail shows one customer across channels; an operator merges, dismisses and unmerges, and another desk follows', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  await withRoomStation(
    async (station) => {
      const url = station.url;
      await withDesk(url, ADMIN.username, ADMIN.password, async (desk) => {
        await command(desk, 'operator.create', {
          username: 'ana',
          displayName: 'Ana Operator',
          password: 'ana-password',
          role: 'operator',
        });
      });
      const login = (await (
        await fetch(new URL('/api/login', url), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(ADMIN),
        })
      ).json()) as { token: string };
      const imported = await fetch(new URL('/api/import?preset=crm-jsonl', url), {
        method: 'POST',
        headers: { authorization: `Bearer ${login.token}` },
        body: rows(Date.now()),
      });
      expect(await imported.text()).toContain('"imported":4');

      const ana = await (await browser.newContext()).newPage();
      await logIn(ana, url, 'ana', 'ana-password');
      await ana.getByTestId('mention-row').filter({ hasText: 'Lost my bag' }).click();
      const customer = ana.getByRole('region', { name: /^Customer: Ana Kowalska/ });
      await expect(customer.getByTestId('customer-ids').getByRole('listitem')).toHaveText([
        'Email ana.k@example.com',
        'Twitter/X ana_k',
      ]);
      const history = customer.getByTestId('customer-history').getByRole('listitem');
      await expect(customer.getByText('2 mentions across channels')).toBeVisible();
      await expect(history).toHaveCount(2);
      await expect(history.first()).toContainText('Following up by email');
      // Markup in a tweet is data: shown as written, never run.
      await expect(history.nth(1)).toContainText('<b>again</b> &amp; <img src=x');
      expect(await ana.title()).not.toBe('1');
      await expect(history.nth(1)).toHaveAttribute('aria-current', 'true');

      const suggestions = customer.getByTestId('customer-suggestion');
      await expect(suggestions).toHaveCount(2);
      const caller = suggestions.filter({ hasText: 'Phone 48600100200' });
      await expect(caller).toContainText('same name and place');

      // The lead watches the same customer from the email.
      const lead = await (await browser.newContext()).newPage();
      await logIn(lead, url, ADMIN.username, ADMIN.password);
      await lead.getByTestId('mention-row').filter({ hasText: 'Following up' }).click();
      const leadView = lead.getByRole('region', { name: /^Customer: Ana Kowalska/ });
      await expect(leadView.getByText('2 mentions across channels')).toBeVisible();

      await caller.getByRole('button', { name: 'Same customer' }).click();
      await expect(customer.getByText('3 mentions across channels')).toBeVisible();
      await expect(history.nth(2)).toContainText('Caller asks where her bag is');
      await expect(history.nth(2).locator('.channel')).toHaveText('Phone');
      await expect(customer.getByTestId('link-merged')).toContainText('by Ana Operator');
      await expect(leadView.getByText('3 mentions across channels')).toBeVisible();

      const replier = customer.getByTestId('customer-suggestion').filter({ hasText: 'kasia_w' });
      await expect(replier).toContainText('a reply thread');
      await replier.getByRole('button', { name: 'Not the same' }).click();
      await expect(customer.getByTestId('customer-suggestion')).toHaveCount(0);
      await expect(customer.getByTestId('link-dismissed')).toContainText('marked not the same');

      // Opening a mention from the history moves the detail to it, same customer.
      await history.filter({ hasText: 'Caller asks' }).getByRole('button').click();
      await expect(ana.getByTestId('mention-text')).toHaveText('Caller asks where her bag is');

      await customer.getByRole('button', { name: 'Unmerge' }).click();
      await expect(customer.getByText('1 mention across channels')).toBeVisible();
      await expect(leadView.getByText('2 mentions across channels')).toBeVisible();
      await expect(customer.getByTestId('link-unmerged')).toContainText('unmerged');
    },
    (temp) => {
      const dir = path.join(temp, 'presets');
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, 'crm-jsonl.yaml'), PRESET);
      return { env: { HOLDLINE_PRESETS_DIR: dir } };
    },
  );
});
