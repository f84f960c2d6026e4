import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { STATION_INFO_CHANNEL, type StationInfo } from './ipc-contract';
import { hasOrigin } from './origin-guard';

/**
 * Throws unless the invoking frame is the station's own page: every main-side listener checks its
 * sender, so a page from anywhere else learns nothing and can ask for nothing.
 */
export function assertFromStation(
  event: IpcMainInvokeEvent,
  origin: string,
  channel: string,
): void {
  if (!hasOrigin(event.senderFrame?.url, origin))
    throw new Error(`${channel}: refused for a frame outside ${origin}`);
}

/** Answers the preload's station-info request, but only for frames of the station's origin. */
export function handleStationInfo(stationUrl: string): () => void {
  const origin = new URL(stationUrl).origin;
  ipcMain.handle(STATION_INFO_CHANNEL, (event: IpcMainInvokeEvent): StationInfo => {
    assertFromStation(event, origin, STATION_INFO_CHANNEL);
    return { stationUrl, platform: process.platform };
  });
  return () => ipcMain.removeHandler(STATION_INFO_CHANNEL);
}
