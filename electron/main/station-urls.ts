import { hasOrigin } from './origin-guard';

/**
 * The stations a window may show: one URL, or (a desk holding several rooms) a function giving
 * every room's station URL as it is now — rooms come and go while the app runs.
 */
export type StationUrls = string | (() => readonly string[]);

/** The station URL among `urls` whose origin `url` has (null: none, so refuse it). */
export function stationOf(urls: StationUrls, url: string | undefined | null): string | null {
  const list = typeof urls === 'string' ? [urls] : urls();
  return list.find((s) => hasOrigin(url, new URL(s).origin)) ?? null;
}
