import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { list } from 'tar';
import { afterEach, describe, expect, it } from 'vitest';
import { StationCore } from '../core/core';
import { tempDir } from '../test-support/temp-dir';
import { restoreBackup } from './restore-backup';
import { takeBackup } from './take-backup';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

async function entriesOf(file: string): Promise<string[]> {
  const names: string[] = [];
  await list({ file, onReadEntry: (e) => names.push(e.path) });
  return names;
}

describe('a backup of a data folder', () => {
  it('holds the station key, TLS identity and config files, not locks, status or old backups', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const dir = path.join(t.dir, 'station');
    await (await StationCore.open(dir)).close();
    writeFileSync(path.join(dir, 'connectors.yaml'), 'connectors: []\n');
    mkdirSync(path.join(dir, 'playbooks'));
    writeFileSync(path.join(dir, 'playbooks', 'recall.yaml'), 'id: recall\n');
    writeFileSync(path.join(dir, 'station.lock'), '999999');
    writeFileSync(path.join(dir, 'station.url'), 'http://127.0.0.1:1/\n');
    writeFileSync(path.join(dir, 'backup-status.json'), '{}');
    mkdirSync(path.join(dir, 'upgrade-backups'));
    writeFileSync(path.join(dir, 'upgrade-backups', 'old.tar.gz'), 'old');

    const out = path.join(t.dir, 'b.tar.gz');
    const summary = await takeBackup(dir, out);
    expect(summary).toMatchObject({ file: out, schema: expect.any(Number) });
    expect(summary.bytes).toBe(statSync(out).size);
    expect(await entriesOf(out)).toEqual([
      'holdline-backup.json',
      'holdline.db',
      'connectors.yaml',
      'playbooks/recall.yaml',
      'station.key',
      'tls.crt',
      'tls.key',
    ]);
    await expect(takeBackup(dir, out)).rejects.toThrow(/already exists/);

    const restored = path.join(t.dir, 'restored');
    await restoreBackup(out, restored, { alone: true });
    for (const f of ['station.key', 'tls.key', 'tls.crt', 'playbooks/recall.yaml'])
      expect(readFileSync(path.join(restored, f))).toEqual(readFileSync(path.join(dir, f)));
    expect(statSync(path.join(restored, 'station.key')).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(restored, 'tls.key')).mode & 0o777).toBe(0o600);
  });
});
