import { describe, expect, it } from 'vitest';
import { testCores } from '../test-support/test-cores';
import { StationCore } from '../core/core';
import { tempDir } from '../test-support/temp-dir';
import {
  DEFERRABLE_MENTION_INDEXES,
  dropMentionIndexes,
  missingMentionIndexes,
} from './queries/mention-indexes';

const { cleanups } = testCores();

describe('deferrable mention indexes', () => {
  it('are exactly the indexes the migrations made', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const core = await StationCore.open(t.dir);
    cleanups.push(() => core.close());
    for (const [name, on] of Object.entries(DEFERRABLE_MENTION_INDEXES)) {
      const row = await core.db.get<{ sql: string }>(
        "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?",
        [name],
      );
      expect(row?.sql).toBe(`CREATE INDEX ${name} ON ${on}`);
    }
  });

  it('come back when a station stopped in the middle of a large import opens again', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const before = await StationCore.open(t.dir);
    await before.db.transaction((tx) => dropMentionIndexes(tx));
    expect(await missingMentionIndexes(before.db)).toHaveLength(
      Object.keys(DEFERRABLE_MENTION_INDEXES).length,
    );
    await before.close();
    const after = await StationCore.open(t.dir);
    cleanups.push(() => after.close());
    expect(await missingMentionIndexes(after.db)).toEqual([]);
  });
});
