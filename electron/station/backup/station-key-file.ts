import { readFileSync } from 'node:fs';
import { loadStationKey, type StationKey } from '../ops/station-key';

/** Reads a station key file, saying which file when it is not one. */
export function loadStationKeyFile(file: string): StationKey {
  try {
    return loadStationKey(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file} is not a station key: ${(err as Error).message}`);
  }
}
