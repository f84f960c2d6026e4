import {
  appendFileSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectorHealth } from '../../../../shared/contract/connectors';
import { startStation, type RunningStation } from '../../station';
import { eventually } from '../../test-support/station-process';
import { tempDir } from '../../test-support/temp-dir';
import { connectorsOf } from '../start-connectors';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

const HEADER = 'id,channel,author,text,created_at\n';
const row = (n: number) => `f-${n},twitter,@c${n},Bag lost on flight ${n},2026-03-01T10:00:00Z\n`;
const rows = (...ns: number[]) => HEADER + ns.map(row).join('');

/** A station whose one connector watches `inbox` in its data folder. */
async function folderStation(afterImport: 'move' | 'keep', createInbox = true) {
  const t = tempDir();
  const inbox = path.join(t.dir, 'inbox');
  if (createInbox) mkdirSync(inbox);
  writeFileSync(
    path.join(t.dir, 'connectors.yaml'),
    `connectors:
  - id: exports
    kind: watch-folder
    folder: inbox
    afterImport: ${afterImport}
    settleMs: 300
    scanMs: 100
`,
  );
  let station: RunningStation | null = null;
  const start = async () =>
    (station = await startStation({
      dataDir: t.dir,
      port: 0,
      discovery: false,
      rendererDir: null,
    }));
  cleanups.push(t.cleanup, async () => station?.close());
  await start();
  const st = () => station as unknown as RunningStation;
  const count = async (sql: string) =>
    ((await st().core.read.get<{ n: number }>(sql))?.n ?? 0) as number;
  return {
    inbox,
    restart: async () => {
      await st().close();
      await start();
    },
    mentions: () => count('SELECT count(*) AS n FROM mentions'),
    ingestOps: () => count(`SELECT count(*) AS n FROM ops WHERE type = 'mention.ingest'`),
    duplicates: () => count('SELECT coalesce(sum(duplicates), 0) AS n FROM mentions'),
    health: () => connectorsOf(st().core)?.viewOf('exports')?.health as ConnectorHealth,
    source: async () =>
      (
        await st().core.read.get<{ s: string }>(
          `SELECT payload ->> '$.source' AS s FROM ops WHERE type = 'mention.ingest' LIMIT 1`,
        )
      )?.s,
  };
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('watch folder', () => {
  it('imports a file once it stops growing, moves it to done/, and not again after a restart', async () => {
    const s = await folderStation('move');
    const file = path.join(s.inbox, 'export.csv');
    // Written in two goes, like an export tool flushing: nothing is read until it settles.
    writeFileSync(file, rows(1, 2));
    await pause(150);
    appendFileSync(file, row(3));
    await eventually('the file in done/', async () =>
      existsSync(path.join(s.inbox, 'done', 'export.csv')),
    );
    expect(await s.mentions()).toBe(3);
    expect(existsSync(file)).toBe(false);
    expect(s.health()).toMatchObject({ state: 'running', itemsLastHour: 3 });
    expect(JSON.parse((await s.source()) as string)).toMatchObject({
      connector: 'watch-folder',
      connectorId: 'exports',
    });

    // The same file put back (a tool exporting it again, a user's copy) is moved along, not read.
    const ops = await s.ingestOps();
    await s.restart();
    copyFileSync(path.join(s.inbox, 'done', 'export.csv'), file);
    await eventually('the copy moved to done/', async () => !existsSync(file));
    expect(readdirSync(path.join(s.inbox, 'done')).filter((n) => n.endsWith('.csv'))).toHaveLength(
      2,
    );
    expect(await s.ingestOps()).toBe(ops);
    expect(await s.duplicates()).toBe(0);
    expect(await s.mentions()).toBe(3);
  }, 30_000);

  it('moves a file it cannot read to failed/ with the reason, and notes bad rows of a good file', async () => {
    const s = await folderStation('move');
    writeFileSync(path.join(s.inbox, 'wrong.csv'), 'when,who,what\n1,2,3\n');
    writeFileSync(path.join(s.inbox, 'notes.txt'), 'not an export');
    writeFileSync(path.join(s.inbox, 'mixed.csv'), rows(10, 11) + 'f-12,twitter,@x,no time,\n');
    writeFileSync(path.join(s.inbox, 'partial.csv.part'), rows(20));
    await eventually(
      'both files handled',
      async () =>
        existsSync(path.join(s.inbox, 'failed', 'wrong.csv')) &&
        existsSync(path.join(s.inbox, 'done', 'mixed.csv')),
    );
    const why = readFileSync(path.join(s.inbox, 'failed', 'wrong.csv.errors.txt'), 'utf8');
    expect(why).toMatch(/wrong\.csv: the file has no column "id"/);
    const bad = readFileSync(path.join(s.inbox, 'done', 'mixed.csv.errors.txt'), 'utf8');
    expect(bad).toMatch(/1 rows could not be read\nline 4: occurredAt/);
    await eventually('notes.txt refused too', async () =>
      existsSync(path.join(s.inbox, 'failed', 'notes.txt')),
    );
    expect(existsSync(path.join(s.inbox, 'partial.csv.part'))).toBe(true);
    expect(await s.mentions()).toBe(2);
    expect(s.health().lastError?.message).toMatch(/\.(csv|txt)/);
  }, 30_000);

  it('with afterImport: keep, leaves files, ignores a re-touch and a restart, takes added rows', async () => {
    const s = await folderStation('keep');
    const file = path.join(s.inbox, 'rolling.csv');
    writeFileSync(file, rows(1, 2));
    await eventually('two mentions', async () => (await s.mentions()) === 2);
    const now = new Date();
    utimesSync(file, now, now);
    await pause(800);
    await s.restart();
    await pause(800);
    expect(await s.ingestOps()).toBe(1);
    // The export rewritten with one more row: that row is new, the others are duplicates.
    writeFileSync(file, rows(1, 2, 3));
    await eventually('the added row', async () => (await s.mentions()) === 3);
    expect(existsSync(file)).toBe(true);
    expect(await s.duplicates()).toBe(2);
  }, 30_000);

  it('reports a missing folder in its health and starts once it exists', async () => {
    const s = await folderStation('move', false);
    await eventually('backing off', async () => s.health()?.state === 'backing-off');
    expect(s.health().lastError?.message).toMatch(/inbox does not exist/);
    mkdirSync(s.inbox);
    writeFileSync(path.join(s.inbox, 'late.csv'), rows(5));
    await eventually('the file read', async () => (await s.mentions()) === 1, 15_000);
    expect(s.health().state).toBe('running');
  }, 30_000);
});
