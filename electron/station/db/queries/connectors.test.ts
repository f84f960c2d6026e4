import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../connection';
import { migrate } from '../migrate';
import { tempDir } from '../../test-support/temp-dir';
import {
  addSeen,
  cursorOf,
  healthOf,
  pruneSeen,
  putCursor,
  putHealth,
  seenAmong,
} from './connectors';

let db: Db | null = null;
let cleanup: (() => void) | null = null;
afterEach(async () => {
  await db?.close();
  cleanup?.();
  db = null;
});

describe('0019 connector state', () => {
  it('keeps cursors, seen keys and health per connector, local to the station', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    db = await openDb(path.join(t.dir, 'test.db'));
    await migrate(db);
    expect(await cursorOf(db, 'feed')).toBeUndefined();
    await putCursor(db, 'feed', '{"etag":"a"}');
    await putCursor(db, 'feed', '{"etag":"b"}');
    expect(await cursorOf(db, 'feed')).toBe('{"etag":"b"}');

    const keys = Array.from({ length: 1200 }, (_, i) => `k${i}`);
    await addSeen(db, 'feed', keys.slice(0, 700), 1);
    await addSeen(db, 'feed', keys.slice(600), 2);
    await addSeen(db, 'other', ['k1'], 3);
    expect((await seenAmong(db, 'feed', keys)).size).toBe(1200);
    expect([...(await seenAmong(db, 'other', ['k1', 'k2']))]).toEqual(['k1']);
    // The first time a key was seen is kept; pruning keeps the newest.
    expect(await pruneSeen(db, 'feed', 500)).toBe(700);
    const left = await seenAmong(db, 'feed', keys);
    expect(left.size).toBe(500);
    expect(left.has('k1199') && left.has('k700') && !left.has('k699') && !left.has('k600')).toBe(
      true,
    );

    await putHealth(db, 'feed', '{"lastSuccessAt":null}');
    expect(await healthOf(db, 'feed')).toBe('{"lastSuccessAt":null}');
    const tables = await db.all<{ name: string }>(
      `SELECT name FROM sqlite_schema WHERE type = 'table' AND name LIKE 'connector_%' ORDER BY name`,
    );
    expect(tables.map((r) => r.name)).toEqual([
      'connector_cursors',
      'connector_health',
      'connector_seen',
    ]);
  });
});
