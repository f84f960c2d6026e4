import { test as base } from '@playwright/test';
import path from 'node:path';
import {
  DEFAULT_ROOM,
  initWarRoom,
  startStationProcess,
  tempDataDir,
  type StationProcess,
} from './station';

/** Fixtures of the web suites: a real station per test, in its own temp data folder. */
export type StationFixtures = {
  /** A station whose war room exists (DEFAULT_ROOM: admin `lead`). */
  station: StationProcess;
  /** A station on its first start: the UI shows the war-room setup. */
  freshStation: StationProcess;
};

/** Starts a station for one test and stops and removes it afterwards. */
async function runStation(
  initialise: boolean,
  use: (station: StationProcess) => Promise<void>,
  testInfo: { attach(name: string, options: { body: string; contentType: string }): Promise<void> },
): Promise<void> {
  const temp = tempDataDir();
  const dataDir = path.join(temp.dir, 'station');
  let station: StationProcess | null = null;
  try {
    if (initialise) await initWarRoom(dataDir, DEFAULT_ROOM);
    station = await startStationProcess(dataDir, initialise ? DEFAULT_ROOM : null);
    await use(station);
  } finally {
    if (station) {
      await station.stop();
      await testInfo.attach('station-stderr', {
        body: station.stderr(),
        contentType: 'text/plain',
      });
    }
    temp.cleanup();
  }
}

/** Playwright's `test` with the station fixtures. */
export const test = base.extend<StationFixtures>({
  station: async ({}, use, testInfo) => runStation(true, use, testInfo),
  freshStation: async ({}, use, testInfo) => runStation(false, use, testInfo),
});

export { expect } from '@playwright/test';
