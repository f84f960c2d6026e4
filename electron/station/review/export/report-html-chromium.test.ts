import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from '@playwright/test';
import { findChromium } from '../../../../scripts/find-chromium';
import { testCores } from '../../test-support/test-cores';
import { tempDir } from '../../test-support/temp-dir';
import { exportFixture, HOSTILE_TEXT } from './export-fixture';
import { exportOf } from './export-harness';
import { HEADINGS } from './report-words';

const cores = testCores();

// The repo's usual quiet headless flags (playwright.config.ts).
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

describe('exported HTML in Chromium', () => {
  it('opens from disk with no console error and no request but the file itself, and reads as a report', async () => {
    const found = findChromium();
    if (found.path === null) throw new Error(found.problem);
    const { core, adminId } = await cores.openRoom('Storm week');
    const made = await exportFixture(core, adminId);
    const dir = tempDir('holdline-report-html-');
    cores.cleanups.push(dir.cleanup);
    const file = path.join(dir.dir, 'report.html');
    for (const redact of [false, true]) {
      writeFileSync(
        file,
        (await exportOf(core, { reviewId: made.reviewId }, 'html', redact)).bytes,
      );
      const browser = await chromium.launch({ executablePath: found.path, args: CHROMIUM_ARGS });
      try {
        // No network at all: anything but the file is recorded and aborted.
        const context = await browser.newContext({ offline: true, javaScriptEnabled: true });
        const page = await context.newPage();
        const problems: string[] = [];
        const requests: string[] = [];
        page.on('console', (m) => {
          if (m.type() === 'error' || m.type() === 'warning')
            problems.push(`${m.type()}: ${m.text()}`);
        });
        page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
        page.on('request', (r) => requests.push(r.url()));
        page.on('requestfailed', (r) => problems.push(`failed: ${r.url()}`));
        const url = pathToFileURL(file).href;
        await page.goto(url, { waitUntil: 'load' });
        await page.waitForLoadState('networkidle');

        expect(requests).toEqual([url]);
        expect(problems).toEqual([]);
        expect(await page.locator('h2').allTextContents()).toEqual([
          HEADINGS.figures,
          HEADINGS.responseBy,
          HEADINGS.charts,
          HEADINGS.retro,
          HEADINGS.timeline,
          HEADINGS.pins,
          HEADINGS.said,
        ]);
        expect(await page.locator('script').count()).toBe(0);
        expect(await page.locator('figure svg').count()).toBe(5);
        for (const box of await page
          .locator('figure svg')
          .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().width)))
          expect(box).toBeGreaterThan(300);
        // The hostile mention is text on the page, not an element.
        if (!redact) await expect(page.getByText(HOSTILE_TEXT).count()).resolves.toBeGreaterThan(0);
        expect(await page.locator('.first-statement').count()).toBe(2);
        // Printing keeps the report whole: emulate print media and check nothing is hidden.
        await page.emulateMedia({ media: 'print' });
        expect(await page.locator('h2').count()).toBe(7);
        await context.close();
      } finally {
        await browser.close();
      }
    }
  }, 120_000);
});
