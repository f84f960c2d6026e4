import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');

/** The source tree of an earlier commit of this repository, runnable as a build of Holdline. */
export type OlderBuild = { commit: string; root: string; cleanup(): void };

/** Whether this clone's history holds `commit` (a shallow clone may not). */
export function hasCommit(commit: string): boolean {
  return (
    spawnSync('git', ['-C', ROOT, 'cat-file', '-e', `${commit}^{commit}`], { stdio: 'ignore' })
      .status === 0
  );
}

/**
 * Extracts `commit`'s tree (git archive) into a temp folder and links this checkout's
 * node_modules into it, so its bin/holdline.js runs from its own sources through tsx. Null when
 * the commit is not in this clone's history.
 */
export function olderBuild(commit: string): OlderBuild | null {
  if (!/^[0-9a-f]{40}$/.test(commit)) throw new Error(`pin a full commit hash, not ${commit}`);
  if (!hasCommit(commit)) return null;
  const root = mkdtempSync(path.join(tmpdir(), 'holdline-build-'));
  const r = spawnSync(
    'sh',
    ['-c', 'git -C "$1" archive "$2" | tar -x -C "$3"', 'sh', ROOT, commit, root],
    {
      encoding: 'utf8',
    },
  );
  if (r.status !== 0) throw new Error(`could not extract ${commit}: ${r.stderr}`);
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  return { commit, root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** The op catalogue (type@v) of a build's own sources, as that build reads ops. */
export function catalogueOf(root: string): string[] {
  const script = path.join(root, 'print-op-catalogue.ts');
  writeFileSync(
    script,
    [
      "import { PAYLOADS } from './electron/station/ops/payloads';",
      'process.stdout.write(JSON.stringify(Object.entries(PAYLOADS).flatMap(([t, vs]) =>',
      '  Object.keys(vs).map((v) => `${t}@${v}`))));',
    ].join('\n'),
  );
  const r = spawnSync(process.execPath, ['bin/run-ts.js', script], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`could not read the catalogue of ${root}: ${r.stderr}`);
  return (JSON.parse(r.stdout) as string[]).sort();
}
