import path from 'node:path';
import { app, BrowserWindow, dialog } from 'electron';
import { startStation, type RunningStation } from '../station/station';
import { RoomHost } from '../station/rooms/room-host';
import { electronPdfPrinter, setPdfPrinter } from '../station/review/export/report-pdf';
import { handleStationInfo } from './ipc';
import { installMenu } from './menu';
import { handleNotifications } from './notifications';
import { bringForward, installTray } from './tray';
import { createMainWindow } from './window';

/** The desk's stations: one per room (rooms/room-host.ts), or one room's with HOLDLINE_DATA. */
type Desk = { current(): RunningStation; urls(): string[]; close(): Promise<void> };

// The Electron shell: one instance per desk, its rooms' stations in-process, one window.
let desk: Desk | null = null;
let mainWindow: BrowserWindow | null = null;
let quitting = false;
let stopTray: (() => void) | null = null;

if (!app.requestSingleInstanceLock()) {
  // Another Holdline already owns this desk's data folder: it gets focused instead.
  app.quit();
} else {
  app.on('second-instance', () => focusWindow());
  app.on('window-all-closed', () => {
    // On macOS an app stays in the dock with its desk running; elsewhere closing quits.
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (desk && BrowserWindow.getAllWindows().length === 0) openWindow(desk.current().url);
  });
  app.on('before-quit', (event) => {
    if (!desk || quitting) return;
    // Close the desk (flush SQLite, release the data folder lock) before Electron exits.
    event.preventDefault();
    quitting = true;
    stopTray?.();
    const closing = desk;
    desk = null;
    closing
      .close()
      .catch((err: unknown) => console.error('holdline: closing the desk failed', err))
      .finally(() => app.quit());
  });
  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      dialog.showErrorBox(
        'Holdline could not start',
        err instanceof Error ? err.message : String(err),
      );
      app.exit(1);
    });
}

const DEFAULT_PORT = 4120;

/** Starts the desk's stations, then the window on the room it opens on. */
async function start(): Promise<void> {
  installMenu(() => mainWindow);
  // Review reports print to PDF with Electron's own Chromium here (no system browser needed).
  setPdfPrinter(electronPdfPrinter(BrowserWindow));
  desk = await openDesk();
  const urls = () => desk?.urls() ?? [];
  handleStationInfo(urls);
  handleNotifications(urls, () => mainWindow);
  const url = desk.current().url;
  stopTray = installTray(
    desk.current(),
    () => (mainWindow ? bringForward(mainWindow) : openWindow(url)),
    () => app.quit(),
  );
  openWindow(url);
}

/** Opens the main window and forgets it once closed. */
function openWindow(url: string): void {
  mainWindow = createMainWindow(url, () => desk?.urls() ?? []);
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

/** Brings the existing window to the front (a second launch lands here). */
function focusWindow(): void {
  bringForward(mainWindow);
}

/**
 * Starts the desk: every room under the app's data folder (HOLDLINE_HOME overrides it), or the
 * one room folder HOLDLINE_DATA names. A desk from before rooms keeps its folder (…/station).
 */
async function openDesk(): Promise<Desk> {
  const common = {
    // Other desks of the room dial this one on the LAN (HOLDLINE_HOST=127.0.0.1 keeps it to
    // this machine); the window itself always uses loopback.
    host: process.env.HOLDLINE_HOST ?? '0.0.0.0',
    // Finds the room's stations on the LAN and dials them (HOLDLINE_DISCOVERY=0 turns it off).
    discovery: process.env.HOLDLINE_DISCOVERY !== '0',
    rendererDir: path.join(__dirname, '../renderer'),
  };
  const port = Number(process.env.HOLDLINE_PORT ?? DEFAULT_PORT);
  const dataDir = process.env.HOLDLINE_DATA;
  if (dataDir) {
    // The usual port when free (addresses people wrote down stay right), else any free one.
    const one = await startStation({ ...common, dataDir, port }).catch(
      (err: NodeJS.ErrnoException) => {
        if (err.code !== 'EADDRINUSE') throw err;
        return startStation({ ...common, dataDir, port: 0 });
      },
    );
    return { current: () => one, urls: () => [one.url], close: () => one.close() };
  }
  const home = process.env.HOLDLINE_HOME ?? app.getPath('userData');
  const rooms = await RoomHost.start({ ...common, home, port });
  return {
    current: () => rooms.current(),
    urls: () => [...rooms.stations().values()].map((s) => s.url),
    close: () => rooms.close(),
  };
}
