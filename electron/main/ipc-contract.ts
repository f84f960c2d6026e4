// The one contract between the Electron main process and the preload. Channel names live here
// only, so no call site types one by hand (see STYLE.md, GitHub Desktop's ipc-shared.ts). Types
// only: the sandboxed preload bundles this file, and nothing heavier than it.
import type { QueueAction } from '../../shared/desk/keymap';

/** Invoke channel: the preload asks who its station is. */
export const STATION_INFO_CHANNEL = 'holdline:station-info';
/** Invoke channel: the page asks for a native notification. */
export const NOTIFY_CHANNEL = 'holdline:notify';
/** Main → page: a menu item or a clicked notification asks the page to do something. */
export const COMMAND_CHANNEL = 'holdline:command';

/** What the preload exposes to the page as `window.holdline`. */
export type StationInfo = {
  /** The station this window talks to, e.g. `http://127.0.0.1:43123/`. */
  stationUrl: string;
  /** `process.platform` of the desktop (`linux`, `darwin`, `win32`). */
  platform: string;
};

/** Where a notification leads when clicked. */
export type NotifyTarget =
  { kind: 'mention'; id: string } | { kind: 'approvals' } | { kind: 'alerts' };

/** A native notification the page asks for (validated in the main process: notify-schema.ts). */
export type NotifyRequest = {
  /** What it is about: claims pushed to you, approvals waiting, SLA breaches, alerts. */
  kind: 'assigned' | 'approval' | 'sla-breach' | 'alert';
  title: string;
  body: string;
  target: NotifyTarget;
};

/** What main asks the page to do: a queue action from the menu, or open a notification's target. */
export type DesktopCommand =
  { kind: 'action'; action: QueueAction } | { kind: 'open'; target: NotifyTarget };

/** The page-side API the preload exposes (`window.holdline`), with the station info. */
export type DesktopBridge = StationInfo & {
  /** Shows a native notification; resolves false when refused (too many, bad request). */
  notify(request: NotifyRequest): Promise<boolean>;
  /** Calls `listener` for each command from the menu or a clicked notification; returns the stop. */
  onCommand(listener: (command: DesktopCommand) => void): () => void;
};
