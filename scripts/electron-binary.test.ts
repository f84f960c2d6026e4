import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findElectronBinary } from './electron-binary';

// A fake project with node_modules/electron laid out the way Electron 45's install.js leaves it.
let root: string;
let pkgDir: string;

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'holdline-electron-'));
  pkgDir = path.join(root, 'node_modules', 'electron');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** Writes the electron package; `exe` creates dist/<path.txt> as well. */
function electronPackage(opts: { pathTxt?: string; exe?: boolean }): void {
  mkdirSync(path.join(pkgDir, 'dist'), { recursive: true });
  writeFileSync(
    path.join(pkgDir, 'package.json'),
    JSON.stringify({ name: 'electron', version: '45.4.1' }),
  );
  // index.js would start the download if required: the finder must never load it.
  writeFileSync(path.join(pkgDir, 'index.js'), "throw new Error('index.js must not be required');");
  if (opts.pathTxt !== undefined) writeFileSync(path.join(pkgDir, 'path.txt'), opts.pathTxt);
  if (opts.exe && opts.pathTxt) {
    const exe = path.join(pkgDir, 'dist', opts.pathTxt);
    mkdirSync(path.dirname(exe), { recursive: true });
    writeFileSync(exe, '#!/bin/sh\n');
    chmodSync(exe, 0o755);
  }
}

describe('findElectronBinary', () => {
  it('says so when the electron package is absent', () => {
    expect(findElectronBinary({ root, env: {} })).toEqual({
      installed: false,
      reason: 'the electron package is not in node_modules',
    });
  });

  it('reports a package whose binary was never downloaded (no path.txt)', () => {
    electronPackage({});
    const found = findElectronBinary({ root, env: {} });
    expect(found).toEqual({ installed: false, reason: expect.stringContaining('no path.txt') });
  });

  it('reports a path.txt whose executable is missing', () => {
    electronPackage({ pathTxt: 'electron' });
    const found = findElectronBinary({ root, env: {} });
    expect(found).toEqual({ installed: false, reason: expect.stringContaining('is missing') });
  });

  it('finds the executable named by path.txt under dist/', () => {
    electronPackage({ pathTxt: 'Electron.app/Contents/MacOS/Electron', exe: true });
    expect(findElectronBinary({ root, env: {} })).toEqual({
      installed: true,
      path: path.join(pkgDir, 'dist', 'Electron.app/Contents/MacOS/Electron'),
      version: '45.4.1',
    });
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH as index.js does', () => {
    electronPackage({});
    const override = path.join(root, 'custom-dist');
    mkdirSync(override);
    expect(
      findElectronBinary({ root, env: { ELECTRON_OVERRIDE_DIST_PATH: override } }),
    ).toMatchObject({
      installed: false,
    });
    writeFileSync(path.join(override, 'electron'), '');
    expect(findElectronBinary({ root, env: { ELECTRON_OVERRIDE_DIST_PATH: override } })).toEqual({
      installed: true,
      path: path.join(override, 'electron'),
      version: '45.4.1',
    });
  });

  it('gives a definite answer for this checkout without loading electron', () => {
    const found = findElectronBinary();
    expect(typeof found.installed).toBe('boolean');
    expect(
      Object.keys(require.cache).some((k) => k.endsWith(path.join('electron', 'index.js'))),
    ).toBe(false);
  });
});
