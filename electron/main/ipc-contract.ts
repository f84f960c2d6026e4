// The one contract between the Electron main process and the preload. Channel names live here
// only, so no call site types one by hand (see STYLE.md, GitHub Desktop's ipc-shared.ts).

/** Invoke channel: the preload asks who its station is. */
export const STATION_INFO_CHANNEL = 'holdline:station-info';

/** What the preload exposes to the page as `window.holdline`. */
export type StationInfo = {
  /** The station this window talks to, e.g. `http://127.0.0.1:43123/`. */
  stationUrl: string;
  /** `process.platform` of the desktop (`linux`, `darwin`, `win32`). */
  platform: string;
};
