import { Menu, Tray, nativeImage, type BrowserWindow } from 'electron';
import type { RunningStation } from '../station/station';
import { resourcePath } from './app-paths';
import { readTrayState, trayLines } from './tray-state';

// The tray follows the room: after changes (at most this often), and each half minute so the
// oldest wait keeps counting.
const REFRESH_AFTER_CHANGE_MS = 2_000;
const REFRESH_EVERY_MS = 30_000;

/**
 * A tray icon with the war room's state (open incidents, staffing level, who is waiting) in its
 * tooltip and menu, and Show / Quit. Returns the stop.
 */
export function installTray(
  station: RunningStation,
  showWindow: () => void,
  quit: () => void,
): () => void {
  const tray = new Tray(nativeImage.createFromPath(resourcePath('icons', 'tray.png')));
  let pending: NodeJS.Timeout | null = null;
  let closed = false;

  const refresh = async () => {
    pending = null;
    if (closed) return;
    try {
      const lines = trayLines(await readTrayState(station.core.read, Date.now()));
      if (closed) return;
      tray.setToolTip(lines.join('\n'));
      tray.setContextMenu(
        Menu.buildFromTemplate([
          ...lines.map((label) => ({ label, enabled: false })),
          { type: 'separator' },
          { label: 'Show Holdline', click: showWindow },
          { label: 'Quit Holdline', click: quit },
        ]),
      );
    } catch (err) {
      console.error('holdline: could not update the tray', err);
    }
  };
  const soon = () => {
    pending ??= setTimeout(() => void refresh(), REFRESH_AFTER_CHANGE_MS);
  };
  tray.on('click', showWindow);
  station.core.on('applied', soon);
  const every = setInterval(() => void refresh(), REFRESH_EVERY_MS);
  void refresh();
  return () => {
    closed = true;
    station.core.off('applied', soon);
    clearInterval(every);
    if (pending) clearTimeout(pending);
    tray.destroy();
  };
}

/** Shows, restores and focuses a window. */
export function bringForward(win: BrowserWindow | null): void {
  if (!win || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}
