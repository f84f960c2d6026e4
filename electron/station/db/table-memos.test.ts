import { afterEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { tempDir } from '../test-support/temp-dir';
import { openDb, openReadDb, type Db } from './connection';
import { migrate } from './migrate';
import { putRoomConfig, roomConfig } from './queries/routing';
import { putStationRevocations, revocationPoints } from './queries/revocations';

// Every table a station keeps reads of (Sql.memo call sites).
const WATCHED = ['room_config', 'station_revocations', 'station_keys', 'erasures'];

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function station(): Promise<{ db: Db; file: string }> {
  const t = tempDir();
  cleanups.push(t.cleanup);
  const file = path.join(t.dir, 'station.sqlite');
  const db = await openDb(file);
  cleanups.push(() => db.close());
  await migrate(db);
  return { db, file };
}

const setting = (value: string) => ({ value, op_id: 'op', hlc: 'h', actor: 'a' });

/** Counts the queries a load runs. */
function counted<T>(load: () => Promise<T>): { load: () => Promise<T>; runs: () => number } {
  let n = 0;
  return {
    load: () => {
      n += 1;
      return load();
    },
    runs: () => n,
  };
}

describe('kept reads of small tables', () => {
  it('answer again without a query until the table is written', async () => {
    const { db } = await station();
    const read = counted(() => db.all('SELECT key FROM room_config'));
    await db.memo('keys', ['room_config'], read.load);
    await db.memo('keys', ['room_config'], read.load);
    expect(read.runs()).toBe(1);
    // Reads naming the table and writes to other tables keep it.
    await db.all('SELECT count(*) FROM room_config');
    await db.run('INSERT INTO local_meta (key, value) VALUES (?, ?)', ['k', 'v']);
    await db.run('UPDATE local_meta SET value = (SELECT count(*) FROM room_config) WHERE key = ?', [
      'k',
    ]);
    await db.memo('keys', ['room_config'], read.load);
    expect(read.runs()).toBe(1);
    await putRoomConfig(db, 'sla', setting('{}'));
    await db.memo('keys', ['room_config'], read.load);
    expect(read.runs()).toBe(2);
    await db.exec('PRAGMA wal_checkpoint(PASSIVE)');
    await db.memo('keys', ['room_config'], read.load);
    expect(read.runs()).toBe(2);
    // Any script but transaction control and pragmas may write anything.
    await db.exec('CREATE TABLE scratch (x)');
    await db.memo('keys', ['room_config'], read.load);
    expect(read.runs()).toBe(3);
  });

  it('see the transaction’s own writes, and the old value again after a rollback', async () => {
    const { db } = await station();
    await putRoomConfig(db, 'routing', setting('"before"'));
    expect((await roomConfig(db, 'routing'))?.value).toBe('"before"');
    await expect(
      db.transaction(async (tx) => {
        await putRoomConfig(tx, 'routing', setting('"during"'));
        expect((await roomConfig(tx, 'routing'))?.value).toBe('"during"');
        await putStationRevocations(tx, [
          { station_id: 'st-x', point_seq: 4, op_id: 'op', hlc: 'h', revoked_by: 'a' },
        ]);
        expect(await revocationPoints(tx)).toEqual(new Map([['st-x', 4]]));
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect((await roomConfig(db, 'routing'))?.value).toBe('"before"');
    expect(await revocationPoints(db)).toEqual(new Map());
  });

  it('are not kept by a read-only connection, which cannot see the writer’s changes coming', async () => {
    const { db, file } = await station();
    const read = await openReadDb(file);
    cleanups.push(() => read.close());
    await putRoomConfig(db, 'sla', setting('1'));
    expect((await roomConfig(read, 'sla'))?.value).toBe('1');
    await putRoomConfig(db, 'sla', setting('2'));
    expect((await roomConfig(read, 'sla'))?.value).toBe('2');
  });

  it('a failed read is not kept', async () => {
    const { db } = await station();
    await expect(db.memo('bad', ['room_config'], () => db.all('SELECT nope'))).rejects.toThrow();
    expect(await db.memo('bad', ['room_config'], () => db.all('SELECT 1 AS one'))).toEqual([
      { one: 1 },
    ]);
  });

  it('no trigger of the schema writes a watched table (writes are followed by statement, not by trigger)', async () => {
    const { db } = await station();
    const triggers = await db.all<{ name: string; sql: string }>(
      "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'",
    );
    expect(triggers.length).toBeGreaterThan(0);
    for (const t of triggers)
      for (const table of WATCHED) expect(t.sql, t.name).not.toMatch(new RegExp(`\\b${table}\\b`));
  });
});
