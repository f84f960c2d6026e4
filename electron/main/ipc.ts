import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { STATION_INFO_CHANNEL, type StationInfo } from './ipc-contract';
import { stationOf, type StationUrls } from './station-urls';

/**
 * Throws unless the invoking frame is the station's own page: every main-side listener checks its
 * sender, so a page from anywhere else learns nothing and can ask for nothing.
 */
export function assertFromStation(
  event: IpcMainInvokeEvent,
  stations: StationUrls,
  channel: string,
): string {
  const station = stationOf(stations, event.senderFrame?.url);
  if (!station) throw new Error(`${channel}: refused for a frame outside the desk's stations`);
  return station;
}

/** Answers the preload's station-info request, but only for frames of the station's origin. */
export function handleStationInfo(stations: StationUrls): () => void {
  ipcMain.handle(STATION_INFO_CHANNEL, (event: IpcMainInvokeEvent): StationInfo => {
    const stationUrl = assertFromStation(event, stations, STATION_INFO_CHANNEL);
    return { stationUrl, platform: process.platform };
  });
  return () => ipcMain.removeHandler(STATION_INFO_CHANNEL);
}
