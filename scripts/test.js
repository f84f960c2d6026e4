#!/usr/bin/env node
// `npm test` (what CI runs): typecheck, lint, the Electron audit, unit tests, the web build, then
// the Playwright suites in a real Chromium. Stops at the first failing step and names it.
// `npm test -- unit e2e` runs only the named steps.
'use strict';

const { spawnSync } = require('node:child_process');
const path = require('node:path');
const { findChromium } = require('./find-chromium');

const root = path.resolve(__dirname, '..');

/** npm run SCRIPT, through the npm that started us when there is one. */
function npmRun(script) {
  const npmCli = process.env.npm_execpath;
  return npmCli && /\.c?js$/.test(npmCli)
    ? [process.execPath, [npmCli, 'run', '--silent', script]]
    : [process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', script]];
}

/** A package's CLI run with this Node. */
function nodeBin(pkg, file, args) {
  const dir = path.dirname(require.resolve(`${pkg}/package.json`, { paths: [root] }));
  return [process.execPath, [path.join(dir, file), ...args]];
}

const STEPS = [
  { name: 'typecheck', command: () => npmRun('typecheck') },
  { name: 'lint', command: () => npmRun('lint') },
  // Electronegativity over the desktop shell (main, preload, the page's CSP).
  {
    name: 'electron-audit',
    command: () => [process.execPath, [path.join(__dirname, 'electron-audit.js')]],
  },
  { name: 'unit', command: () => nodeBin('vitest', 'vitest.mjs', ['run']) },
  { name: 'build:web', command: () => npmRun('build:web') },
  { name: 'e2e', command: () => nodeBin('@playwright/test', 'cli.js', ['test']) },
];

function main() {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((w) => !STEPS.some((s) => s.name === w));
  if (unknown.length > 0) {
    console.error(
      `npm test: unknown step ${unknown.join(', ')}; steps: ${STEPS.map((s) => s.name).join(', ')}`,
    );
    return 2;
  }
  const steps = wanted.length > 0 ? STEPS.filter((s) => wanted.includes(s.name)) : STEPS;

  const env = { ...process.env };
  if (steps.some((s) => s.name === 'e2e')) {
    // Look for the browser first: failing after ten minutes of other steps helps nobody.
    const chromium = findChromium();
    if (!chromium.path) {
      console.error(chromium.problem);
      console.error('npm test: step "e2e" cannot run without a Chromium; nothing was run.');
      return 1;
    }
    console.log(`npm test: Chromium for the browser tests: ${chromium.path} (${chromium.source})`);
    env.HOLDLINE_CHROMIUM = chromium.path;
  }

  const started = Date.now();
  for (const step of steps) {
    const [command, args] = step.command();
    console.log(`\n▶ ${step.name}`);
    const t0 = Date.now();
    const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
    const seconds = ((Date.now() - t0) / 1000).toFixed(1);
    if (result.status !== 0) {
      const how = result.error ? result.error.message : `exit ${result.status ?? result.signal}`;
      console.error(`\n✗ npm test: step "${step.name}" failed (${how}) after ${seconds}s.`);
      return result.status || 1;
    }
    console.log(`✓ ${step.name} (${seconds}s)`);
  }
  console.log(
    `\nnpm test: all ${steps.length} steps passed in ${((Date.now() - started) / 1000).toFixed(0)}s.`,
  );
  return 0;
}

process.exitCode = main();
