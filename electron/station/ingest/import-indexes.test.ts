import { describe, expect, it } from 'vitest';
import { testCores } from '../test-support/test-cores';
import { Readable } from 'node:stream';
import type { ImportProgress } from '../../../shared/contract/imports';
import { StationCore } from '../core/core';
import { DEFERRABLE_MENTION_INDEXES, missingMentionIndexes } from '../db/queries/mention-indexes';
import { mentionWindow } from '../db/queries/mention-reads';
import { importMentions, type ImportOptions } from './import-job';

const { openRoom } = testCores();

const station = () => openRoom('Indexes');

// n generic-csv rows from id `from`, spread over a week in an order unrelated to their ids.
function csv(from: number, n: number): Buffer {
  const lines = ['id,channel,author,text,created_at'];
  for (let i = 0; i < n; i++) {
    const day = 16 + ((i * 7) % 7);
    const minute = (i * 37) % 60;
    lines.push(
      `${from + i},twitter,@flyer${(i * 11) % 97},bag ${from + i} lost again,2015-02-${day}T10:${String(minute).padStart(2, '0')}:00Z`,
    );
  }
  return Buffer.from(lines.join('\n') + '\n');
}

const chunked = (bytes: Buffer, size = 16_384) =>
  Readable.from(
    (function* () {
      for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
    })(),
  );

async function run(
  core: StationCore,
  adminId: string,
  bytes: Buffer,
  deferIndexesFrom: number,
): Promise<{ phases: ImportProgress['phase'][]; missingDuring: number }> {
  const phases: ImportProgress['phase'][] = [];
  let missingDuring = 0;
  const checks: Promise<void>[] = [];
  const opts: ImportOptions = {
    format: 'csv',
    actor: adminId,
    connector: 'csv',
    bytesTotal: bytes.length,
    deferIndexesFrom,
    thread: 'here',
    onProgress: (p) => {
      phases.push(p.phase);
      if (p.phase === 'reading')
        checks.push(
          missingMentionIndexes(core.read).then((m) => {
            missingDuring = Math.max(missingDuring, m.length);
          }),
        );
    },
  };
  await importMentions(core, chunked(bytes), opts);
  await Promise.all(checks);
  return { phases, missingDuring };
}

const newestFirst = (core: StationCore) =>
  mentionWindow(
    core.read,
    {
      search: '',
      statuses: [],
      channels: [],
      sentiments: [],
      languages: [],
      brands: [],
      departments: [],
      sort: 'newest',
    },
    0,
    20,
  );

describe('mention indexes during a large import', () => {
  it('are built once after the rows when an import at least doubles the room, and the queue reads the same', async () => {
    const a = await station();
    const first = await run(a.core, a.adminId, csv(1000, 20_000), 5_000);
    expect(first.missingDuring).toBe(Object.keys(DEFERRABLE_MENTION_INDEXES).length);
    expect(first.phases.slice(-2)).toEqual(['indexing', 'done']);
    expect(await missingMentionIndexes(a.core.read)).toEqual([]);

    // The same rows imported with the indexes kept row by row give the same queue.
    const b = await station();
    const kept = await run(b.core, b.adminId, csv(1000, 20_000), Number.MAX_SAFE_INTEGER);
    expect(kept.missingDuring).toBe(0);
    expect(kept.phases).not.toContain('indexing');
    const queue = await newestFirst(a.core);
    expect(queue.total).toBe(20_000);
    expect(queue.rows.map((m) => m.id)).toEqual((await newestFirst(b.core)).rows.map((m) => m.id));
  }, 60_000);

  it('are kept row by row when an import is small next to what the room holds', async () => {
    const { core, adminId } = await station();
    await run(core, adminId, csv(1000, 20_000), 5_000);
    const second = await run(core, adminId, csv(50_000, 8_000), 5_000);
    expect(second.missingDuring).toBe(0);
    expect(second.phases).not.toContain('indexing');
  }, 60_000);
});
