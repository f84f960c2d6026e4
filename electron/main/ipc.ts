import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { STATION_INFO_CHANNEL, type StationInfo } from './ipc-contract';
import { hasOrigin } from './origin-guard';

/** Answers the preload's station-info request, but only for frames of the station's origin. */
export function handleStationInfo(stationUrl: string): () => void {
  const origin = new URL(stationUrl).origin;
  ipcMain.handle(STATION_INFO_CHANNEL, (event: IpcMainInvokeEvent): StationInfo => {
    // Every main-side listener checks its sender: a page from anywhere else learns nothing.
    if (!hasOrigin(event.senderFrame?.url, origin)) {
      throw new Error(`${STATION_INFO_CHANNEL}: refused for a frame outside ${origin}`);
    }
    return { stationUrl, platform: process.platform };
  });
  return () => ipcMain.removeHandler(STATION_INFO_CHANNEL);
}
