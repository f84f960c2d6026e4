import type { DesktopBridge } from '../../../../shared/desk/desktop-bridge';
import type { NotifyTarget } from '../../../../shared/desk/desktop-bridge';
import type { QueueAction } from '../../../../shared/desk/keymap';

/** The desktop app's bridge, or null in a plain browser (or before the preload answered). */
export function desktopBridge(): DesktopBridge | null {
  const bridge = (window as unknown as { holdline?: Partial<DesktopBridge> }).holdline;
  return bridge && typeof bridge.notify === 'function' && typeof bridge.onCommand === 'function'
    ? (bridge as DesktopBridge)
    : null;
}

/** Window events the desk's screens listen to: a queue action, or a target to open. */
export const ACTION_EVENT = 'holdline:action';
export const OPEN_EVENT = 'holdline:open';

/** Asks the page to run a queue action (as its key would). */
export function dispatchAction(action: QueueAction): void {
  window.dispatchEvent(new CustomEvent<QueueAction>(ACTION_EVENT, { detail: action }));
}

/** Asks the page to open what a notification was about. */
export function dispatchOpen(target: NotifyTarget): void {
  window.dispatchEvent(new CustomEvent<NotifyTarget>(OPEN_EVENT, { detail: target }));
}
