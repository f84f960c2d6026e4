import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CatchingUpError, StationCore } from '../core/core';
import { tempDir } from '../test-support/temp-dir';
import { CATCH_UP_FILE, writeCatchUpMarker } from './catch-up-marker';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const draft = { type: 'test.note', v: 1, actor: 'system', subject: 'x', payload: {} };

describe('a station restored from a backup', () => {
  it('records nothing of its own until a peer holding no more of its chain has synced it', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const dir = path.join(t.dir, 'station');
    await (await StationCore.open(dir)).close();
    writeCatchUpMarker(dir, { backupTakenAt: new Date().toISOString() });
    const core = await StationCore.open(dir);
    cleanups.push(() => core.close());
    expect(core.isCatchingUp).toBe(true);
    await expect(core.commit([draft])).rejects.toBeInstanceOf(CatchingUpError);
    // A peer that holds more of this station's chain than it does: still waiting.
    core.caughtUpWith(5);
    expect(core.isCatchingUp).toBe(true);
    // A peer that holds none of it (or no more than this station): caught up.
    core.caughtUpWith(undefined);
    expect(core.isCatchingUp).toBe(false);
    expect(existsSync(path.join(dir, CATCH_UP_FILE))).toBe(false);
    await expect(core.commit([draft])).resolves.toMatchObject({ ops: [{ seq: 1 }] });
  });
});
