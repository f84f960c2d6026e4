import { existsSync } from 'node:fs';
import path from 'node:path';

/** The project folder. */
export const repoRoot = path.resolve(__dirname, '..', '..');

/** The `holdline` command's script. */
export const holdlineBin = path.join(repoRoot, 'bin', 'holdline.js');

/** The shared real-data folder (not ours to ship; tests skip without it). */
export const sharedDataDir =
  process.env.HOLDLINE_SHARED_DATA ?? path.resolve(repoRoot, '../shared/data');

/** The 2015 airline export, 14,640 rows, 14,485 distinct tweet ids. */
export const airlineCsv = path.join(sharedDataDir, 'airline-tweets-2015.csv');

/** True where the real airline file is present. */
export const hasAirlineCsv = existsSync(airlineCsv);
