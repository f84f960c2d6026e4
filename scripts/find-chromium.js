// Finds a Chromium for the browser tests (DECISIONS.md 19): an environment variable, the
// Debian/Ubuntu package, else Playwright's own download if someone installed it.
'use strict';

const fs = require('node:fs');

/** Where to get a Chromium, printed when none is found. */
const HOW_TO_GET_CHROMIUM = [
  'No Chromium found for the browser tests. Get one of:',
  '  Debian/Ubuntu:   sudo apt-get install chromium',
  "  elsewhere:       npx playwright install chromium   (Playwright's own build)",
  '  or point HOLDLINE_CHROMIUM at a Chromium/Chrome executable.',
].join('\n');

/**
 * The Chromium executable to use, and where it came from.
 * @param {{ env?: NodeJS.ProcessEnv, candidates?: string[], playwrightPath?: () => string | null }} [options]
 * @returns {{ path: string, source: string } | { path: null, problem: string }}
 */
function findChromium(options = {}) {
  const env = options.env ?? process.env;
  for (const name of ['HOLDLINE_CHROMIUM', 'PLAYWRIGHT_CHROMIUM_PATH']) {
    const value = env[name];
    if (!value) continue;
    // A variable someone set on purpose must not be silently replaced by another browser.
    if (!isExecutable(value))
      return { path: null, problem: `${name}=${value} is not an executable file` };
    return { path: value, source: name };
  }
  for (const candidate of options.candidates ?? [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
  ]) {
    if (isExecutable(candidate)) return { path: candidate, source: candidate };
  }
  const own = (options.playwrightPath ?? playwrightChromium)();
  if (own && isExecutable(own)) return { path: own, source: "Playwright's Chromium" };
  return { path: null, problem: HOW_TO_GET_CHROMIUM };
}

/** Playwright's own Chromium path (whether or not it was downloaded). */
function playwrightChromium() {
  try {
    return require('playwright-core').chromium.executablePath();
  } catch {
    return null;
  }
}

/** True for an existing file we may execute. */
function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

module.exports = { findChromium, HOW_TO_GET_CHROMIUM };
