#!/usr/bin/env node
// `npm start`: the desktop app where the Electron binary is installed (and a display exists);
// otherwise a station on 127.0.0.1:4120 serving the same UI to browsers.
'use strict';

const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const readline = require('node:readline');
const { findElectronBinary } = require('./electron-binary');
const { rendererBuildIsStale } = require('./renderer-build');

const root = path.resolve(__dirname, '..');
const forceWeb = process.argv.includes('--web');

main().catch((err) => {
  process.stderr.write(`npm start: ${err && err.message ? err.message : err}\n`);
  process.exitCode = 1;
});

async function main() {
  const electron = findElectronBinary({ root });
  const noDisplay =
    process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
  if (electron.installed && !forceWeb && !noDisplay) return runDesktop(electron.path);
  const why = forceWeb
    ? 'started with --web'
    : electron.installed
      ? 'there is no display (DISPLAY/WAYLAND_DISPLAY unset)'
      : `the Electron desktop binary isn't installed here (${electron.reason})`;
  console.log(`Holdline: ${why}, so the station serves the UI to browsers instead.`);
  return runWeb();
}

/** Builds main, preload and renderer, then runs Electron on the app until it quits. */
function runDesktop(electronPath) {
  run('electron-vite build', process.execPath, [
    bin('electron-vite', 'bin/electron-vite.js'),
    'build',
  ]);
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  return supervise(spawn(electronPath, [root], { cwd: root, stdio: 'inherit', env }));
}

/** Builds the renderer if needed, then runs a headless station and prints where to open it. */
async function runWeb() {
  if (rendererBuildIsStale(root)) run('npm run build:web', npmCommand(), ['run', 'build:web']);
  // HOLDLINE_DATA runs that one room's folder; otherwise the desk's home holds all its rooms.
  const single = Boolean(process.env.HOLDLINE_DATA);
  const dataDir = single
    ? process.env.HOLDLINE_DATA
    : process.env.HOLDLINE_HOME || path.join(os.homedir(), '.holdline');
  fs.mkdirSync(dataDir, { recursive: true });
  const host = process.env.HOLDLINE_HOST || '127.0.0.1';
  const port = process.env.HOLDLINE_PORT || '4120';
  const args = [
    path.join(root, 'bin', 'holdline.js'),
    'station',
    single ? '--data' : '--home',
    dataDir,
    '--host',
    host,
    '--port',
    port,
  ];
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  readline.createInterface({ input: child.stdout }).on('line', (line) => {
    const ready = parseReady(line);
    if (!ready) return void process.stdout.write(`${line}\n`);
    void announce(ready.url, dataDir, ready.rooms);
  });
  return supervise(child);
}

/** Prints the address, and on first start what the page will ask for. */
async function announce(url, dataDir, rooms) {
  let firstStart = false;
  try {
    const res = await fetch(new URL('/api/setup', url));
    firstStart = res.ok && (await res.json()).initialized === false;
  } catch {
    // The hint is optional; the address is what matters.
  }
  console.log('');
  console.log(`  Holdline is running: open ${url}`);
  console.log(`  data: ${dataDir}`);
  if (rooms && rooms.length > 1)
    console.log(`  ${rooms.length} rooms on this desk; switch between them in the header.`);
  if (firstStart)
    console.log('  First start: the page asks you to name the war room and create its admin.');
  console.log('  Stop it with Ctrl-C.');
  console.log('');
}

/** The station's `{ "ready": true, "url": … }` line, or null for any other output. */
function parseReady(line) {
  try {
    const value = JSON.parse(line);
    return value && value.ready === true && typeof value.url === 'string' ? value : null;
  } catch {
    return null;
  }
}

/** Forwards Ctrl-C/SIGTERM to the child and exits with its code. */
function supervise(child) {
  const forward = (signal) => () => child.kill(signal);
  process.on('SIGINT', forward('SIGINT'));
  process.on('SIGTERM', forward('SIGTERM'));
  return new Promise((resolve) => {
    child.on('error', (err) => {
      process.stderr.write(`npm start: could not run ${child.spawnfile}: ${err.message}\n`);
      process.exitCode = 1;
      resolve();
    });
    child.on('exit', (code, signal) => {
      process.exitCode = code ?? (signal === 'SIGINT' || signal === 'SIGTERM' ? 0 : 1);
      resolve();
    });
  });
}

/** Runs a build step in the foreground; throws with its name if it fails. */
function run(name, command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0)
    throw new Error(`${name} failed (exit ${result.status ?? result.signal})`);
}

/** A package's CLI script inside node_modules. */
function bin(pkg, file) {
  return path.join(path.dirname(require.resolve(`${pkg}/package.json`, { paths: [root] })), file);
}

/** npm, as the platform names it. */
function npmCommand() {
  return process.platform === 'win32' ? 'npm.cmd' : 'npm';
}
