/** The wall-clock milliseconds of an HLC (its first 15 digits; shared/sync/hlc.ts). */
export function hlcWallMs(hlc: string): number {
  return Number(hlc.slice(0, 15));
}
