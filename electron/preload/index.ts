import { contextBridge, ipcRenderer } from 'electron';
import { STATION_INFO_CHANNEL, type StationInfo } from '../main/ipc-contract';

// contextBridge only: the page gets plain values, never ipcRenderer. The main process answers
// only frames of the station's origin, so a page from anywhere else gets no `window.holdline`.
ipcRenderer
  .invoke(STATION_INFO_CHANNEL)
  .then((info: StationInfo) => {
    const bridge: StationInfo = { stationUrl: info.stationUrl, platform: info.platform };
    contextBridge.exposeInMainWorld('holdline', bridge);
  })
  .catch(() => {
    // Not the station's page (navigation is guarded, so this should not happen): expose nothing.
  });
