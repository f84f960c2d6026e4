import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  renameSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { parse } from 'csv-parse';
import { StationCore } from '../electron/station/core/core';
import { createWarRoom } from '../electron/station/room/war-room';

/** Where the real airline file is (absent in a user's clone). */
export const AIRLINE_CSV = path.resolve(
  process.env.HOLDLINE_SHARED_DATA ?? path.resolve(__dirname, '../../shared/data'),
  'airline-tweets-2015.csv',
);

/** Rows to build for the large benchmarks. */
export const BENCH_ROWS = Number(process.env.HOLDLINE_BENCH_ROWS ?? 1_000_000);

/** A cache folder for generated benchmark inputs. */
export const CACHE_DIR = path.join(tmpdir(), 'holdline-bench');

function csvField(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

/** Reads the airline file into header + rows (raw strings). */
export async function readAirline(): Promise<{ header: string[]; rows: string[][] }> {
  const records: string[][] = [];
  const parser = createReadStream(AIRLINE_CSV).pipe(parse({ bom: true }));
  for await (const r of parser as AsyncIterable<string[]>) records.push(r);
  const [header, ...rows] = records;
  return { header: header ?? [], rows };
}

/**
 * A CSV of `n` mentions built from the airline file with new tweet ids (so none collapse), spread
 * over the same week; cached between runs. Exits with a message when the airline file is absent.
 */
export async function airlineFixture(n: number): Promise<string> {
  if (!existsSync(AIRLINE_CSV)) {
    console.log(
      `SKIP: ${AIRLINE_CSV} is absent (it is not shipped with Holdline); set HOLDLINE_SHARED_DATA to its folder`,
    );
    process.exit(0);
  }
  mkdirSync(CACHE_DIR, { recursive: true });
  const file = path.join(CACHE_DIR, `airline-${n}.csv`);
  if (existsSync(file) && statSync(file).mtimeMs > statSync(AIRLINE_CSV).mtimeMs) return file;
  const { header, rows } = await readAirline();
  const idCol = header.indexOf('tweet_id');
  const tmp = `${file}.part`;
  const out = createWriteStream(tmp);
  out.write(header.map(csvField).join(',') + '\n');
  for (let i = 0; i < n; i++) {
    const src = rows[i % rows.length] as string[];
    // A string, not 9e17 + i: ids past 2^53 lose their last digits as numbers.
    const row = src.map((v, c) => (c === idCol ? `9${String(i).padStart(17, '0')}` : v));
    if (!out.write(row.map(csvField).join(',') + '\n')) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  renameSync(tmp, file);
  return file;
}

/** The cached station folder holding `n` imported mentions (built by the ingest benchmark). */
export function benchStationDir(n: number): string {
  return path.join(CACHE_DIR, `station-${n}`);
}

/** True when the cached station folder is complete. */
export function benchStationReady(n: number): boolean {
  return existsSync(path.join(benchStationDir(n), 'complete'));
}

/** A station core in `dir` with a room and its admin, as every benchmark starts. */
export async function benchCore(
  dir: string,
): Promise<{ core: StationCore; adminId: string; warRoomId: string }> {
  const core = await StationCore.open(dir);
  const { adminId, warRoomId } = await createWarRoom(core, {
    warRoom: 'Bench',
    username: 'lead',
    displayName: 'Lead',
    password: 'bench-password',
  });
  return { core, adminId, warRoomId };
}
