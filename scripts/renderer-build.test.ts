import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rendererBuildIsStale } from './renderer-build';

let root: string;

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'holdline-build-'));
  mkdirSync(path.join(root, 'renderer', 'src'), { recursive: true });
  mkdirSync(path.join(root, 'shared'), { recursive: true });
  writeFileSync(path.join(root, 'renderer', 'src', 'app.tsx'), '');
  writeFileSync(path.join(root, 'shared', 'mention.ts'), '');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** Sets a file's (or folder's) times to `seconds` after the epoch. */
function touch(file: string, seconds: number): void {
  utimesSync(path.join(root, file), seconds, seconds);
}

/** Writes out/renderer/index.html at time `seconds`. */
function build(seconds: number): void {
  mkdirSync(path.join(root, 'out', 'renderer'), { recursive: true });
  writeFileSync(path.join(root, 'out', 'renderer', 'index.html'), '<!doctype html>');
  touch('out/renderer/index.html', seconds);
}

describe('rendererBuildIsStale', () => {
  it('is stale when nothing was built', () => {
    expect(rendererBuildIsStale(root)).toBe(true);
  });

  it('is fresh when the build is newer than every source', () => {
    for (const f of [
      'renderer/src/app.tsx',
      'renderer/src',
      'renderer',
      'shared/mention.ts',
      'shared',
    ])
      touch(f, 1000);
    build(2000);
    expect(rendererBuildIsStale(root)).toBe(false);
  });

  it('is stale when a renderer or shared source changed after the build', () => {
    for (const f of [
      'renderer/src/app.tsx',
      'renderer/src',
      'renderer',
      'shared/mention.ts',
      'shared',
    ])
      touch(f, 1000);
    build(2000);
    touch('shared/mention.ts', 3000);
    expect(rendererBuildIsStale(root)).toBe(true);
    touch('shared/mention.ts', 1000);
    touch('renderer/src/app.tsx', 3000);
    expect(rendererBuildIsStale(root)).toBe(true);
  });
});
