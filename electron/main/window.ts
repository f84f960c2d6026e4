import path from 'node:path';
import { BrowserWindow } from 'electron';
import { guardNavigation } from './navigation';

/** Matches the renderer's dark theme so no white flash shows before it paints. */
const BACKGROUND = '#0b0e12';

/** Opens the main window on the station's UI. */
export function createMainWindow(stationUrl: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    title: 'Holdline',
    backgroundColor: BACKGROUND,
    darkTheme: true,
    show: false,
    webPreferences: {
      preload: path.join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  guardNavigation(win, stationUrl);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(stationUrl);
  return win;
}
