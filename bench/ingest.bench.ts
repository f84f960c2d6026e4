import { createReadStream, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse';
import { openDb } from '../electron/station/db/connection';
import { loadPreset } from '../electron/station/connectors/preset';
import { importMentions } from '../electron/station/ingest/import-job';
import { tempDir } from '../electron/station/test-support/temp-dir';
import { BENCH_ROWS, airlineFixture, benchStationDir, benchCore } from './fixture';
import { report } from './report';

// The baseline: the same rows, already parsed, into a bare table with the same driver, 5,000 rows
// per multi-row statement in one transaction — the fastest plain use of sqlite3 (BASELINES.md).
async function rawInsert(file: string, dir: string): Promise<{ rows: number; seconds: number }> {
  const rows: string[][] = [];
  for await (const r of createReadStream(file).pipe(
    parse({ bom: true, from_line: 2 }),
  ) as AsyncIterable<string[]>)
    rows.push(r);
  const width = rows[0]?.length ?? 0;
  const db = await openDb(path.join(dir, 'raw.db'));
  await db.exec(
    `CREATE TABLE raw (${Array.from({ length: width }, (_, i) => `c${i} TEXT`).join(', ')})`,
  );
  const sql = `INSERT INTO raw SELECT ${Array.from({ length: width }, (_, i) => `value->>${i}`).join(', ')} FROM json_each(?)`;
  const t0 = performance.now();
  await db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += 5000)
      await tx.run(sql, [JSON.stringify(rows.slice(i, i + 5000))]);
  });
  const seconds = (performance.now() - t0) / 1000;
  await db.close();
  return { rows: rows.length, seconds };
}

/** Ingest: the full import path against a raw batched insert of the same rows. */
export async function run(): Promise<void> {
  const file = await airlineFixture(BENCH_ROWS);
  console.log(
    `input: ${file} (${(statSync(file).size / 1e6).toFixed(0)} MB, ${BENCH_ROWS.toLocaleString('en-US')} rows)`,
  );
  const t = tempDir('holdline-bench-');
  try {
    const { core, adminId } = await benchCore(path.join(t.dir, 'station'));
    const preset = await loadPreset('airline-2015');
    const t0 = performance.now();
    const summary = await importMentions(core, createReadStream(file), {
      format: 'csv',
      preset,
      actor: adminId,
      connector: 'csv',
      bytesTotal: statSync(file).size,
    });
    const seconds = (performance.now() - t0) / 1000;
    await core.close();
    // Keep the station for the search and memory benchmarks.
    const keep = benchStationDir(BENCH_ROWS);
    rmSync(keep, { recursive: true, force: true });
    renameSync(path.join(t.dir, 'station'), keep);
    writeFileSync(path.join(keep, 'complete'), new Date().toISOString());
    console.log(
      `full path: ${summary.imported} mentions in ${seconds.toFixed(1)} s (${summary.errors} row errors)`,
    );
    const raw = await rawInsert(file, t.dir);
    console.log(`raw insert: ${raw.rows} rows in ${raw.seconds.toFixed(1)} s`);
    report([
      {
        name: 'ingest.full-path',
        value: summary.imported / seconds,
        unit: 'mentions/s',
        baseline: raw.rows / raw.seconds,
        baselineName: 'raw multi-row insert, bare table, sqlite3',
        better: 'higher',
        goal: '≥ 20,000/s, ratio ≥ 0.5',
      },
    ]);
  } finally {
    t.cleanup();
  }
}
