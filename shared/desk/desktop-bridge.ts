/**
 * What the desktop app's preload gives the page as `window.holdline` (absent in a plain browser),
 * and what passes between page and main process. Types only.
 */
import type { QueueAction } from './keymap';

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
