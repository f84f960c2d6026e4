import { afterEach, describe, expect, it } from 'vitest';
import { statSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from '../test-support/temp-dir';
import { openDb, type Db } from './connection';
import { Checkpointer, WRITER_CHECKPOINT_PAGES } from './checkpointer';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const MB = 1024 * 1024;
const sizeOf = (file: string) => statSync(file, { throwIfNoEntry: false })?.size ?? 0;

/** A writer set up as a station's is, and its checkpointer (ticking every `everyMs`). */
async function writerWithCheckpointer(everyMs: number, bulk = () => false, bulkEveryMs = 5_000) {
  const t = tempDir();
  cleanups.push(t.cleanup);
  const file = path.join(t.dir, 'db.sqlite');
  const db = await openDb(file);
  cleanups.push(() => db.close());
  await db.exec(`PRAGMA wal_autocheckpoint = ${WRITER_CHECKPOINT_PAGES}`);
  await db.exec('CREATE TABLE t (k INTEGER PRIMARY KEY, v BLOB)');
  const checkpointer = await Checkpointer.start(file, { everyMs, bulk, bulkEveryMs });
  cleanups.push(() => checkpointer.close());
  return { db, file, wal: `${file}-wal`, checkpointer };
}

/** ~`pages` pages of 4 KB, written in 20 transactions. */
async function write(db: Db, pages: number): Promise<void> {
  for (let i = 0; i < 20; i++)
    await db.transaction(async (tx) => {
      for (let j = 0; j < pages / 20; j++)
        await tx.run('INSERT INTO t (v) VALUES (randomblob(4000))');
    });
}

describe('the checkpointer', () => {
  it('copies the log into the database, which the writer no longer does in its commits', async () => {
    const { db, file, wal, checkpointer } = await writerWithCheckpointer(3_600_000);
    await write(db, 2_000);
    // SQLite's own threshold (1,000 pages) is long past, yet no commit checkpointed.
    expect(sizeOf(file)).toBeLessThan(1 * MB);
    expect(sizeOf(wal)).toBeGreaterThan(6 * MB);
    const done = await checkpointer.checkpoint();
    expect(done?.busy).toBe(0);
    expect(done?.log).toBeGreaterThanOrEqual(2_000);
    expect(done?.checkpointed).toBe(done?.log);
    expect(sizeOf(file)).toBeGreaterThan(6 * MB);
    // Everything copied: the next commit starts the log over (from its first frame) instead of
    // growing it.
    await write(db, 20);
    const next = await checkpointer.checkpoint();
    expect(next?.log).toBeLessThan(100);
  });

  it('checkpoints on its own, rarely during bulk writes', async () => {
    let bulk = true;
    const { db, file } = await writerWithCheckpointer(20, () => bulk);
    await write(db, 400);
    await new Promise((r) => setTimeout(r, 200));
    expect(sizeOf(file)).toBeLessThan(1 * MB); // bulk: the ticks so far were skipped
    bulk = false;
    const deadline = Date.now() + 10_000;
    while (sizeOf(file) < 1 * MB && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    expect(sizeOf(file)).toBeGreaterThan(1 * MB);
    expect((await db.all<{ n: number }>('SELECT count(*) AS n FROM t'))[0]?.n).toBe(400);
  });

  it('still checkpoints during bulk writes that go on (a firehose import)', async () => {
    const { db, file } = await writerWithCheckpointer(20, () => true, 300);
    await write(db, 400);
    const deadline = Date.now() + 10_000;
    while (sizeOf(file) < 1 * MB && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    expect(sizeOf(file)).toBeGreaterThan(1 * MB);
  });

  it('closes after the checkpoint under way, and checkpoints no more', async () => {
    const { db, checkpointer } = await writerWithCheckpointer(3_600_000);
    await write(db, 200);
    const under = checkpointer.checkpoint();
    await checkpointer.close();
    expect((await under)?.checkpointed).toBeGreaterThan(0);
    expect(await checkpointer.checkpoint()).toBeNull();
  });
});
