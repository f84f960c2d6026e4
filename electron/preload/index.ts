import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  COMMAND_CHANNEL,
  NOTIFY_CHANNEL,
  STATION_INFO_CHANNEL,
  type DesktopBridge,
  type DesktopCommand,
  type NotifyRequest,
  type StationInfo,
} from '../main/ipc-contract';

// contextBridge only: the page gets plain values and three narrow functions, never ipcRenderer.
// The main process answers only frames of the station's origin and validates every request, so a
// page from anywhere else gets no `window.holdline`.
ipcRenderer
  .invoke(STATION_INFO_CHANNEL)
  .then((info: StationInfo) => {
    const bridge: DesktopBridge = {
      stationUrl: info.stationUrl,
      platform: info.platform,
      notify: (request: NotifyRequest) =>
        ipcRenderer.invoke(NOTIFY_CHANNEL, request).then(
          (shown: unknown) => shown === true,
          () => false,
        ),
      onCommand: (listener: (command: DesktopCommand) => void) => {
        const relay = (_event: IpcRendererEvent, command: DesktopCommand) => listener(command);
        ipcRenderer.on(COMMAND_CHANNEL, relay);
        return () => ipcRenderer.off(COMMAND_CHANNEL, relay);
      },
    };
    contextBridge.exposeInMainWorld('holdline', bridge);
  })
  .catch(() => {
    // Not the station's page (navigation is guarded, so this should not happen): expose nothing.
  });
