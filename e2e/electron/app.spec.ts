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

      // The preload exposes the station's address and two narrow functions, nothing else.
      await expect
        .poll(() =>
          page.evaluate(() => {
            const h = (globalThis as { holdline?: Record<string, unknown> }).holdline;
            if (!h) return null;
            return Object.fromEntries(
              Object.entries(h).map(([k, v]) => [k, typeof v === 'function' ? 'function' : v]),
            );
          }),
        )
        .toEqual({
          stationUrl: `${origin}/`,
          platform: process.platform,
          notify: 'function',
          onCommand: 'function',
        });
      // No Node in the page (sandbox, contextIsolation).
      expect(
        await page.evaluate(() => ({
          require: typeof (globalThis as { require?: unknown }).require,
          process: typeof (globalThis as { process?: unknown }).process,
        })),
      ).toEqual({ require: 'undefined', process: 'undefined' });

      // Main validates what the page asks for: a malformed notification is refused.
      const refused = await page.evaluate(() => {
        const h = (globalThis as { holdline?: { notify(r: unknown): Promise<boolean> } }).holdline;
        return h?.notify({ kind: 'shell', title: '<b>x</b>', body: 1, target: null });
      });
      expect(refused).toBe(false);

      // The window stays on its station: navigation and new windows elsewhere are refused.
      await page.evaluate(() => {
        const w = globalThis as unknown as {
          open(url: string): unknown;
          location: { href: string };
        };
        w.open('file:///etc/hostname');
        w.location.href = 'file:///etc/hostname';
      });
      await page.waitForTimeout(500);
      expect(new URL(page.url()).origin).toBe(origin);
      expect(app.windows()).toHaveLength(1);
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
