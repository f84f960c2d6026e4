import { afterEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { tempDir } from '../../test-support/temp-dir';
import { openDb, ROWS_PER_STATEMENT, type Db } from '../connection';
import { migrate } from '../migrate';
import type { Op } from '../../ops/op';
import { insertOps, lastOpRowid } from './ops';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function log(): Promise<Db> {
  const t = tempDir();
  cleanups.push(t.cleanup);
  const db = await openDb(path.join(t.dir, 'station.sqlite'));
  cleanups.push(() => db.close());
  await migrate(db);
  return db;
}

let seq = 0;
const opsOf = (n: number): Op[] =>
  Array.from({ length: n }, () => {
    seq += 1;
    return {
      id: `op-${seq}`,
      origin: 'st-a',
      seq,
      hlc: String(seq).padStart(20, '0'),
      actor: 'u',
      type: 'note.add',
      v: 1,
      payload: { n: seq },
      payloadHash: 'h',
      prev: null,
      sig: null,
      subject: 'm',
    };
  });

describe('insertOps', () => {
  it('tells the last rowid before the ops it stored, as a look-up before would have', async () => {
    const db = await log();
    expect(await insertOps(db, [])).toBe(0);
    for (const n of [1, 13, ROWS_PER_STATEMENT + 7]) {
      const before = await lastOpRowid(db);
      expect(await insertOps(db, opsOf(n))).toBe(before);
      expect(await lastOpRowid(db)).toBe(before + n);
    }
    // Rows gone from the end of the table: new ones follow the largest rowid left.
    await db.run('DELETE FROM ops WHERE rowid > ?', [(await lastOpRowid(db)) - 5]);
    const before = await lastOpRowid(db);
    expect(await insertOps(db, opsOf(3))).toBe(before);
    expect(
      await db.all<{ seq: number }>('SELECT seq FROM ops WHERE rowid > ? ORDER BY rowid', [before]),
    ).toEqual([{ seq: seq - 2 }, { seq: seq - 1 }, { seq }]);
  });
});
