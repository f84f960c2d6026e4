import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findChromium } from './find-chromium';

const dir = mkdtempSync(path.join(tmpdir(), 'holdline-chromium-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** An executable file standing in for a browser. */
function fakeBrowser(name: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, '#!/bin/sh\n');
  chmodSync(file, 0o755);
  return file;
}

const nowhere = () => null;

describe('findChromium', () => {
  it('prefers HOLDLINE_CHROMIUM over everything else', () => {
    const mine = fakeBrowser('mine');
    const system = fakeBrowser('system');
    expect(
      findChromium({
        env: { HOLDLINE_CHROMIUM: mine },
        candidates: [system],
        playwrightPath: nowhere,
      }),
    ).toEqual({ path: mine, source: 'HOLDLINE_CHROMIUM' });
  });

  it('accepts PLAYWRIGHT_CHROMIUM_PATH', () => {
    const pw = fakeBrowser('pw');
    expect(
      findChromium({
        env: { PLAYWRIGHT_CHROMIUM_PATH: pw },
        candidates: [],
        playwrightPath: nowhere,
      }),
    ).toEqual({
      path: pw,
      source: 'PLAYWRIGHT_CHROMIUM_PATH',
    });
  });

  it('refuses a variable that points nowhere instead of picking another browser', () => {
    const system = fakeBrowser('system2');
    const found = findChromium({
      env: { HOLDLINE_CHROMIUM: path.join(dir, 'nope') },
      candidates: [system],
    });
    expect(found).toEqual({ path: null, problem: expect.stringContaining('HOLDLINE_CHROMIUM=') });
  });

  it('falls back to the system package, then to Playwright’s own', () => {
    const system = fakeBrowser('chromium');
    const own = fakeBrowser('chrome');
    expect(
      findChromium({
        env: {},
        candidates: [path.join(dir, 'absent'), system],
        playwrightPath: () => own,
      }),
    ).toEqual({
      path: system,
      source: system,
    });
    expect(findChromium({ env: {}, candidates: [], playwrightPath: () => own })).toEqual({
      path: own,
      source: "Playwright's Chromium",
    });
  });

  it('says how to get one when there is none', () => {
    const found = findChromium({
      env: {},
      candidates: [],
      playwrightPath: () => path.join(dir, 'not-downloaded'),
    });
    expect(found.path).toBeNull();
    expect(found).toMatchObject({
      problem: expect.stringContaining('sudo apt-get install chromium'),
    });
    expect(found).toMatchObject({
      problem: expect.stringContaining('npx playwright install chromium'),
    });
  });
});
