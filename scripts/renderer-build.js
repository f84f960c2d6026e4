// Whether out/renderer needs a rebuild: missing, or older than a source the bundle is made of.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

/** Folders and files whose changes show up in the renderer bundle. */
const SOURCES = ['renderer', 'shared', 'package-lock.json'];

/**
 * True when out/renderer/index.html is missing or older than the newest renderer source.
 * @param {string} root the project folder
 * @returns {boolean}
 */
function rendererBuildIsStale(root) {
  let built;
  try {
    built = fs.statSync(path.join(root, 'out', 'renderer', 'index.html')).mtimeMs;
  } catch {
    return true;
  }
  return SOURCES.some((source) => newestMtime(path.join(root, source)) > built);
}

/** Newest modification time under `target` (0 when it does not exist). */
function newestMtime(target) {
  let stat;
  try {
    stat = fs.statSync(target);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry.name)));
  }
  return newest;
}

module.exports = { rendererBuildIsStale };
