// The one contract between the Electron main process and the preload. Channel names live here
// only, so no call site types one by hand (see STYLE.md, GitHub Desktop's ipc-shared.ts). Types
// only: the sandboxed preload bundles this file, and nothing heavier than it.

/** Invoke channel: the preload asks who its station is. */
export const STATION_INFO_CHANNEL = 'holdline:station-info';
/** Invoke channel: the page asks for a native notification. */
export const NOTIFY_CHANNEL = 'holdline:notify';
/** Main → page: a menu item or a clicked notification asks the page to do something. */
export const COMMAND_CHANNEL = 'holdline:command';

export type {
  DesktopBridge,
  DesktopCommand,
  NotifyRequest,
  NotifyTarget,
  StationInfo,
} from '../../shared/desk/desktop-bridge';
