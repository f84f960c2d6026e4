import path from 'node:path';
import { app, BrowserWindow } from 'electron';
import windowStateKeeper from 'electron-window-state';
import { resourcePath } from './app-paths';
import { guardNavigation } from './navigation';
import type { StationUrls } from './station-urls';

/** Matches the renderer's dark theme so no white flash shows before it paints. */
const BACKGROUND = '#0b0e12';

/**
 * Opens the main window on the station's UI, where it was last (size, place, maximised), locked
 * down per Electron's security checklist: context isolation, the sandbox, no Node in the page,
 * web security on, navigation and new windows limited (navigation.ts).
 */
export function createMainWindow(
  stationUrl: string,
  stations: StationUrls = stationUrl,
): BrowserWindow {
  const place = windowStateKeeper({ defaultWidth: 1440, defaultHeight: 900 });
  const win = new BrowserWindow({
    x: place.x,
    y: place.y,
    width: place.width,
    height: place.height,
    minWidth: 900,
    minHeight: 600,
    title: 'Holdline',
    icon: resourcePath('icons', 'holdline.png'),
    backgroundColor: BACKGROUND,
    darkTheme: true,
    show: false,
    webPreferences: {
      preload: path.join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // A middle click would open a link in a new window, around the open handler's checks.
      disableBlinkFeatures: 'Auxclick',
      // DevTools in development only: a packaged desk gives no console to a passer-by.
      devTools: !app.isPackaged,
    },
  });
  place.manage(win);
  guardNavigation(win, stations);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(stationUrl);
  return win;
}
