import { expect, type Page } from '@playwright/test';

/** Logs in at a station's page and waits until the desk is connected. */
export async function logIn(page: Page, url: string, username: string, password: string) {
  await page.goto(url);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();
}
