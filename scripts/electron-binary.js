// Finds the Electron executable the way node_modules/electron/index.js (Electron 45) resolves
// it, but only by reading files: requiring 'electron' would start its lazy download.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

/**
 * Where the Electron binary is, or why there is none.
 * @param {{ root?: string, env?: NodeJS.ProcessEnv }} [options] root: the project folder
 * @returns {{ installed: true, path: string, version: string } | { installed: false, reason: string }}
 */
function findElectronBinary(options = {}) {
  const root = options.root ?? path.resolve(__dirname, '..');
  const env = options.env ?? process.env;
  const dir = electronPackageDir(root);
  if (!dir) return { installed: false, reason: 'the electron package is not in node_modules' };
  let version;
  try {
    version = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
  } catch {
    return { installed: false, reason: `cannot read ${path.join(dir, 'package.json')}` };
  }
  // index.js: path.txt names the executable inside dist/ (or inside ELECTRON_OVERRIDE_DIST_PATH).
  const pathFile = path.join(dir, 'path.txt');
  const relative = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8') : undefined;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const exe = path.join(env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron');
    return isFile(exe)
      ? { installed: true, path: exe, version }
      : { installed: false, reason: `ELECTRON_OVERRIDE_DIST_PATH has no ${exe}` };
  }
  if (!relative) {
    return {
      installed: false,
      reason: `electron ${version} has not downloaded its binary (no path.txt)`,
    };
  }
  const exe = path.join(dir, 'dist', relative);
  if (!isFile(exe)) return { installed: false, reason: `${exe} is missing` };
  return { installed: true, path: exe, version };
}

/** node_modules/electron as Node would resolve it from `root`, without loading it. */
function electronPackageDir(root) {
  try {
    return path.dirname(require.resolve('electron/package.json', { paths: [root] }));
  } catch {
    return null;
  }
}

/** True for an existing regular file (on macOS the executable sits inside Electron.app). */
function isFile(file) {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

module.exports = { findElectronBinary };
