import path from 'node:path';
import { app, BrowserWindow, dialog } from 'electron';
import { startStation, type RunningStation } from '../station/station';
import { electronPdfPrinter, setPdfPrinter } from '../station/review/export/report-pdf';
import { handleStationInfo } from './ipc';
import { installMenu } from './menu';
import { handleNotifications } from './notifications';
import { bringForward, installTray } from './tray';
import { createMainWindow } from './window';

// The Electron shell: one instance per desk, the station in-process, one window on its UI.
let station: RunningStation | null = null;
let mainWindow: BrowserWindow | null = null;
let quitting = false;
let stopTray: (() => void) | null = null;

if (!app.requestSingleInstanceLock()) {
  // Another Holdline already owns this desk's data folder: it gets focused instead.
  app.quit();
} else {
  app.on('second-instance', () => focusWindow());
  app.on('window-all-closed', () => {
    // On macOS an app stays in the dock with its station running; elsewhere closing quits.
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (station && BrowserWindow.getAllWindows().length === 0) openWindow(station.url);
  });
  app.on('before-quit', (event) => {
    if (!station || quitting) return;
    // Close the station (flush SQLite, release the data folder lock) before Electron exits.
    event.preventDefault();
    quitting = true;
    stopTray?.();
    const closing = station;
    station = null;
    closing
      .close()
      .catch((err: unknown) => console.error('holdline: closing the station failed', err))
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

/** Starts the station, then the window on it. */
async function start(): Promise<void> {
  installMenu(() => mainWindow);
  // Review reports print to PDF with Electron's own Chromium here (no system browser needed).
  setPdfPrinter(electronPdfPrinter(BrowserWindow));
  const dataDir = process.env.HOLDLINE_DATA ?? path.join(app.getPath('userData'), 'station');
  const options = {
    dataDir,
    // Other desks of the room dial this one on the LAN (HOLDLINE_HOST=127.0.0.1 keeps it to
    // this machine); the window itself always uses loopback.
    host: process.env.HOLDLINE_HOST ?? '0.0.0.0',
    port: Number(process.env.HOLDLINE_PORT ?? DEFAULT_PORT),
    // Finds the room's stations on the LAN and dials them (HOLDLINE_DISCOVERY=0 turns it off).
    discovery: process.env.HOLDLINE_DISCOVERY !== '0',
    rendererDir: path.join(__dirname, '../renderer'),
  };
  // The usual port when free (addresses people wrote down stay right), else any free one.
  station = await startStation(options).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'EADDRINUSE') throw err;
    return startStation({ ...options, port: 0 });
  });
  handleStationInfo(station.url);
  handleNotifications(station.url, () => mainWindow);
  const url = station.url;
  stopTray = installTray(
    station,
    () => (mainWindow ? bringForward(mainWindow) : openWindow(url)),
    () => app.quit(),
  );
  openWindow(url);
}

/** Opens the main window and forgets it once closed. */
function openWindow(url: string): void {
  mainWindow = createMainWindow(url);
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

/** Brings the existing window to the front (a second launch lands here). */
function focusWindow(): void {
  bringForward(mainWindow);
}
