import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eventually,
  holdline,
  startStationProcess,
  type StationProcess,
} from '../test-support/station-process';
import { tempDir } from '../test-support/temp-dir';
import { holdlineAsync } from '../test-support/holdline-async';

// Enough mentions that the import is still going when the backup is taken (~10 s on 2 cores).
const MENTIONS = Number(process.env.HOLDLINE_BACKUP_TEST_MENTIONS ?? 120_000);

type Health = { mentions: number; ops: number };
async function health(s: StationProcess): Promise<Health> {
  return (await (await fetch(new URL('/health', s.url))).json()) as Health;
}

/** The state digest and chain verdict of a stopped station's folder. */
function verify(dir: string): { ok: boolean; digest: string } {
  const r = holdline('verify', '--data', dir);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { ok: boolean; digest: string };
}

describe('holdline backup and restore', () => {
  const t = tempDir();
  const dir = (name: string) => path.join(t.dir, name);
  const running: StationProcess[] = [];
  let backupFile = '';
  let backup: { ops: number; digest: string; bytes: number; ms: number } | null = null;
  let joinCode = '';

  beforeAll(() => {
    writeFileSync(dir('pw'), 'a-long-password\n');
    const init = holdline(
      'init',
      ...['--data', dir('room'), '--war-room', 'Storm week', '--admin', 'lead'],
      ...['--password-file', dir('pw')],
    );
    expect(init.code, init.stderr).toBe(0);
    joinCode = (JSON.parse(init.stdout) as { joinCode: string }).joinCode;
    const lines: string[] = [];
    for (let i = 0; i < MENTIONS; i += 1)
      lines.push(
        JSON.stringify({
          id: `bk-${i}`,
          channel: i % 3 === 0 ? 'email' : 'twitter',
          author: `@author${i % 5000}`,
          text: `Flight ${i % 900} delayed again, mention ${i}: where is my bag?`,
          created_at: new Date(Date.UTC(2026, 1, 8) + i * 1000).toISOString(),
        }),
      );
    writeFileSync(dir('mentions.jsonl'), lines.join('\n') + '\n');
  });

  afterAll(async () => {
    for (const s of running) await s.stop();
    t.cleanup();
  });

  it('takes a consistent backup while a large import runs through the station', async () => {
    const original = await startStationProcess(dir('room'));
    running.push(original);
    const join = holdline(
      'join',
      ...['--data', dir('peer'), '--peer', original.address, '--code', joinCode],
    );
    expect(join.code, join.stderr).toBe(0);
    const peer = await startStationProcess(dir('peer'), ['--peer', original.address]);
    running.push(peer);
    const importing = holdlineAsync(
      'import',
      dir('mentions.jsonl'),
      ...['--preset', 'generic-jsonl', '--station', original.url, '--user', 'lead'],
      ...['--password-file', dir('pw')],
    );
    await eventually(
      'the import under way',
      async () => (await health(original)).mentions > 0,
      60_000,
    );
    backupFile = dir('backups/room.tar.gz');
    const taken = await holdlineAsync('backup', '--data', dir('room'), '--out', backupFile);
    expect(taken.code, taken.stderr).toBe(0);
    backup = JSON.parse(taken.stdout) as typeof backup;
    const imported = await importing;
    expect(imported.code, imported.stderr).toBe(0);
    const after = await health(original);
    expect(after.mentions).toBe(MENTIONS);
    // Taken in the middle: the station wrote more after it.
    expect(backup?.ops).toBeGreaterThan(0);
    expect(backup?.ops).toBeLessThan(after.ops);
    expect(readdirSync(dir('backups'))).toEqual(['room.tar.gz']);
    console.log(
      `backup of ${backup?.ops} ops during an import: ${backup?.bytes} bytes in ${backup?.ms} ms`,
    );
    // The peer holds everything the original wrote, after the backup too; then the original's
    // desk is lost.
    await eventually(
      'the peer caught up',
      async () => (await health(peer)).ops >= (await health(original)).ops,
      120_000,
    );
    await original.stop();
  }, 300_000);

  it('restores into a fresh folder: integrity ok, chains verify, the digest taken', () => {
    const r = holdline('restore', '--from', backupFile, '--data', dir('restored'));
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { ok: boolean; digest: string; ops: number };
    expect(out).toMatchObject({
      ok: true,
      ops: backup?.ops,
      digest: backup?.digest,
      catchUp: true,
    });
    expect(readFileSync(path.join(dir('restored'), 'station.key'), 'utf8')).toBe(
      readFileSync(path.join(dir('room'), 'station.key'), 'utf8'),
    );
    expect(verify(dir('restored'))).toMatchObject({ ok: true, digest: backup?.digest });
  }, 120_000);

  it('the restored station catches up from its peer, its own later ops included: equal digests', async () => {
    const peer = running[1];
    if (!peer) throw new Error('no peer station');
    const want = await health(peer);
    const restored = await startStationProcess(dir('restored'), ['--peer', peer.address]);
    running.push(restored);
    await eventually(
      'the restored station caught up',
      async () => {
        const h = await health(restored);
        return h.ops >= want.ops && h.mentions === MENTIONS;
      },
      120_000,
    ).catch((err: Error) => {
      throw new Error(`${err.message}; restored logged:\n${restored.stderr()}`);
    });
    // Caught up on its own chain, it records again (the hold is gone with its marker).
    await eventually(
      'the hold released',
      async () => !existsSync(path.join(dir('restored'), 'catch-up.json')),
    );
    await eventually(
      'both hold the same ops',
      async () => (await health(restored)).ops === (await health(peer)).ops,
    );
    await restored.stop();
    await peer.stop();
    expect(peer.stderr()).not.toMatch(/fork|broken chain/);
    const a = verify(dir('peer'));
    const b = verify(dir('restored'));
    expect(a.ok && b.ok).toBe(true);
    expect(b.digest).toBe(a.digest);
    expect(b.digest).not.toBe(backup?.digest);
  }, 240_000);

  it('refuses a truncated or corrupt file, writing nothing', () => {
    const whole = readFileSync(backupFile);
    const truncated = dir('truncated.tar.gz');
    writeFileSync(truncated, whole.subarray(0, Math.floor(whole.length / 2)));
    const flipped = dir('flipped.tar.gz');
    const bad = Buffer.from(whole);
    const at = Math.floor(bad.length * 0.7);
    bad[at] = (bad[at] as number) ^ 0xff;
    writeFileSync(flipped, bad);
    const notABackup = dir('notes.tar.gz');
    writeFileSync(notABackup, 'just some text\n');
    for (const file of [truncated, flipped, notABackup]) {
      const before = readdirSync(t.dir).sort();
      const r = holdline('restore', '--from', file, '--data', dir('never'));
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/damaged|truncated|not a Holdline backup|does not match/);
      expect(r.stderr).toMatch(/nothing was restored/);
      expect(existsSync(dir('never'))).toBe(false);
      expect(readdirSync(t.dir).sort()).toEqual(before);
    }
  }, 120_000);

  it('refuses to restore into a folder that is not empty', () => {
    mkdirSync(dir('busy'));
    writeFileSync(path.join(dir('busy'), 'notes.txt'), 'mine\n');
    const r = holdline('restore', '--from', backupFile, '--data', dir('busy'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/is not empty/);
    expect(readdirSync(dir('busy'))).toEqual(['notes.txt']);
  }, 60_000);
});
