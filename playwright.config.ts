import { defineConfig } from '@playwright/test';
import { findChromium } from './scripts/find-chromium';

// Browser tests run against real stations (child processes, e2e/support/station.ts) in a real
// Chromium: $HOLDLINE_CHROMIUM as npm test sets it, else the same search npm test does.
const found = process.env.HOLDLINE_CHROMIUM ? null : findChromium();
const chromium = process.env.HOLDLINE_CHROMIUM ?? found?.path ?? undefined;

// Quiet, deterministic headless Chromium: no sandbox (CI containers run as root), no GPU, no
// background traffic (the machine may have no internet at all).
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  // Two cores: each test runs a station and a browser of its own.
  workers: process.env.CI ? 1 : 2,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    actionTimeout: 15_000,
  },
  projects: [
    {
      name: 'web',
      testDir: 'e2e/web',
      use: {
        browserName: 'chromium',
        headless: true,
        viewport: { width: 1440, height: 900 },
        locale: 'en-US',
        launchOptions: {
          ...(chromium ? { executablePath: chromium } : {}),
          args: CHROMIUM_ARGS,
        },
      },
    },
    {
      name: 'electron',
      testDir: 'e2e/electron',
      testMatch: '*.spec.ts',
    },
  ],
});
