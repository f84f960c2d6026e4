import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { logIn } from '../support/login';
import { DEFAULT_ROOM, withRoomStation } from '../support/station';

const FEED = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Aviation news</title>
<item><title>Storm grounds flights at the hub</title><guid>https://news.example/1</guid>
<description>&lt;p&gt;Hundreds of passengers wait.&lt;/p&gt;</description></item>
<item><title>Baggage system back after outage</title><guid>https://news.example/2</guid></item>
</channel></rss>`;

// An admin adds an RSS connector pointed at a feed on this machine, sees it go green with its
// two entries counted, and finds the entries in the queue.
test('an admin adds an RSS connector and sees its health go green', async ({ page }) => {
  const feed = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"' });
    res.end(FEED);
  });
  await new Promise<void>((r) => feed.listen(0, '127.0.0.1', () => r()));
  const feedUrl = `http://127.0.0.1:${(feed.address() as AddressInfo).port}/feed.xml`;
  try {
    await withRoomStation(async (station) => {
      await logIn(page, station.url, DEFAULT_ROOM.admin, DEFAULT_ROOM.password);
      await page.getByTestId('connectors-open').click();
      const dialog = page.getByRole('dialog', { name: 'Connectors' });
      await expect(dialog.getByText('No connectors yet.')).toBeVisible();
      await dialog.getByRole('button', { name: 'Add a connector' }).click();
      await dialog.getByLabel('Kind').selectOption({ label: 'RSS / Atom feed' });
      await dialog.getByLabel('Id', { exact: true }).fill('aviation-news');
      await dialog.getByLabel('Name', { exact: true }).fill('Aviation news');
      await dialog.getByLabel('Feed address').fill(feedUrl);
      await dialog.getByLabel('Interval (seconds)').fill('1');
      await dialog.getByRole('button', { name: 'Save' }).click();

      const row = dialog.getByTestId('connector-aviation-news');
      await expect(row.getByTestId('connector-state')).toHaveText('running');
      await expect(row.getByTestId('connector-items')).toHaveText('2');
      await expect(row).toContainText('Aviation news');

      // A bad address is refused with the field at fault, and nothing changes.
      await row.getByRole('button', { name: 'Change' }).click();
      await dialog.getByLabel('Feed address').fill('ftp://nowhere');
      await dialog.getByRole('button', { name: 'Save' }).click();
      await expect(dialog.getByRole('alert')).toContainText('url:');
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await expect(row.getByTestId('connector-state')).toHaveText('running');

      await page.keyboard.press('Escape');
      await expect(
        page.getByTestId('mention-row').filter({ hasText: 'Storm grounds flights' }),
      ).toBeVisible();
    });
  } finally {
    feed.closeAllConnections();
    await new Promise<void>((r) => feed.close(() => r()));
  }
});
