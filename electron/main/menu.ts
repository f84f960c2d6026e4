import { Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import { KEYMAP, type QueueAction } from '../../shared/desk/keymap';
import { COMMAND_CHANNEL, type DesktopCommand } from './ipc-contract';

/** The Queue menu's items, in the order the ? overlay lists them (labels in English). */
const LABELS: Record<QueueAction, string> = {
  next: 'Next mention',
  previous: 'Previous mention',
  claim: 'Claim',
  release: 'Release',
  answer: 'Mark answered',
  close: 'Close',
  ignore: 'Ignore',
  reopen: 'Reopen',
  new: 'New mention…',
  compose: 'Write a reply',
  approvals: 'Approvals…',
  search: 'Search',
  help: 'Keyboard shortcuts',
  escape: 'Leave the field',
};

// Single keys act on the queue only when no field has focus: the page decides that, so the menu
// shows each key but never registers it (typing "c" in a reply must not claim anything).
const keyLabel = (key: string) => (key === '/' ? 'Slash' : key === '?' ? 'Shift+/' : key);

/** The Queue menu: every keyboard action, sent to the window's page as a command. */
export function queueMenu(windowOf: () => BrowserWindow | null): MenuItemConstructorOptions {
  const send = (action: QueueAction) => {
    const win = windowOf();
    if (!win || win.isDestroyed()) return;
    const command: DesktopCommand = { kind: 'action', action };
    win.webContents.send(COMMAND_CHANNEL, command);
  };
  return {
    label: 'Queue',
    submenu: KEYMAP.filter((k) => k.action !== 'escape').map((k) => ({
      label: LABELS[k.action],
      accelerator: keyLabel(k.key),
      registerAccelerator: false,
      click: () => send(k.action),
    })),
  };
}

/** Installs the application menu: the platform's standard roles and the Queue menu. */
export function installMenu(windowOf: () => BrowserWindow | null): void {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' } as const] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    queueMenu(windowOf),
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
