import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { findElectronBinary } from '../../scripts/electron-binary';
import { repoRoot } from '../support/paths';

// The desktop shell: runs where the Electron binary is installed (and Linux has a display);
// skips with the reason everywhere else. Never requires 'electron' (that would download it).
const binary = findElectronBinary({ root: repoRoot });
const noDisplay =
  process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const skipReason = !binary.installed
  ? `Electron binary not installed here: ${binary.reason}`
  : noDisplay
    ? 'Electron binary installed, but there is no display here (run under xvfb-run)'
    : null;

// List reporters do not show skip reasons: say it once, from the runner (not each worker).
if (skipReason && process.env.TEST_WORKER_INDEX === undefined)
  console.log(`[electron] skipped: ${skipReason}`);

test.describe('desktop app (Electron)', () => {
  test.skip(skipReason !== null, skipReason ?? '');

  test.beforeAll(() => {
    test.setTimeout(300_000);
    const vite = path.join(repoRoot, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
    const built = spawnSync(process.execPath, [vite, 'build'], { cwd: repoRoot, stdio: 'inherit' });
    expect(built.status, 'electron-vite build').toBe(0);
  });

  test('opens its window on the in-process station, locked down', async () => {
    if (!binary.installed) return;
    const dataDir = mkdtempSync(path.join(tmpdir(), 'holdline-electron-e2e-'));
    const env = { ...process.env, HOLDLINE_DATA: dataDir } as Record<string, string>;
    delete env.ELECTRON_RUN_AS_NODE;
    const app = await electron.launch({ executablePath: binary.path, args: [repoRoot], env });
    try {
      const page = await app.firstWindow();
      await page.waitForLoadState('domcontentloaded');
      const origin = new URL(page.url()).origin;
      expect(origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

      // The station answers on the same origin the window shows.
      const health = await page.evaluate(async () => (await fetch('/health')).json());
      expect(health).toMatchObject({ ok: true });

      // The preload exposes plain values, and only those: no Node (sandbox, contextIsolation).
      await expect
        .poll(() => page.evaluate(() => (globalThis as { holdline?: unknown }).holdline ?? null))
        .toEqual({ stationUrl: `${origin}/`, platform: process.platform });
      expect(
        await page.evaluate(() => ({
          require: typeof (globalThis as { require?: unknown }).require,
          process: typeof (globalThis as { process?: unknown }).process,
        })),
      ).toEqual({ require: 'undefined', process: 'undefined' });
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
