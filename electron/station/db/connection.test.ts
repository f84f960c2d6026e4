import { afterEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { tempDir } from '../test-support/temp-dir';
import { openDb, openReadDb } from './connection';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function twoConnections() {
  const t = tempDir();
  cleanups.push(t.cleanup);
  const file = path.join(t.dir, 'db.sqlite');
  const db = await openDb(file);
  cleanups.push(() => db.close());
  await db.exec('CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT); CREATE INDEX t_v ON t (v)');
  const read = await openReadDb(file);
  cleanups.push(() => read.close());
  return { db, read };
}

describe('kept statements', () => {
  it('hold no snapshot: the reader sees each write made after its last query', async () => {
    const { db, read } = await twoConnections();
    const count = async () => (await read.all<{ n: number }>('SELECT count(*) AS n FROM t'))[0]?.n;
    for (let i = 1; i <= 3; i++) {
      await db.run('INSERT INTO t (v) VALUES (?)', [`row ${i}`]);
      expect(await count()).toBe(i);
    }
  });

  it('hold no table: an index can be dropped right after a query that used it', async () => {
    const { db } = await twoConnections();
    await db.run('INSERT INTO t (v) VALUES (?)', ['a']);
    expect(await db.all('SELECT k FROM t WHERE v = ?', ['a'])).toEqual([{ k: 1 }]);
    const plan = await db.all<{ detail: string }>(
      'EXPLAIN QUERY PLAN SELECT k FROM t WHERE v = ?',
      ['a'],
    );
    expect(plan.map((p) => p.detail).join()).toMatch(/t_v/);
    await db.transaction((tx) => tx.exec('DROP INDEX t_v'));
    expect(await db.all('SELECT k FROM t WHERE v = ?', ['a'])).toEqual([{ k: 1 }]);
  });

  it('answer SQL that does not compile with SQLite’s message, every time, and nothing else breaks', async () => {
    const { db } = await twoConnections();
    for (let i = 0; i < 2; i++) {
      await expect(db.run('INSERT INTO nope VALUES (1)')).rejects.toThrow(/no such table: nope/);
      await expect(db.all('SELEC 1')).rejects.toThrow(/syntax error/);
    }
    expect(await db.all('SELECT 1 AS x')).toEqual([{ x: 1 }]);
  });

  it('keep working past the most they keep, and let the connection close', async () => {
    const { db } = await twoConnections();
    await db.run('INSERT INTO t (v) VALUES (?)', ['a']);
    const read = await openReadDb(db.file); // closed here, not by the cleanup
    // More distinct statements than are kept: the oldest are finalized as new ones come.
    for (let i = 0; i < 300; i++)
      expect(await read.all(`SELECT k, ${i} AS i FROM t WHERE v = ?`, ['a'])).toEqual([
        { k: 1, i },
      ]);
    expect(await read.all('SELECT k, 0 AS i FROM t WHERE v = ?', ['a'])).toEqual([{ k: 1, i: 0 }]);
    await read.close();
    await expect(read.all('SELECT 1')).rejects.toThrow(/closing/);
  });
});
