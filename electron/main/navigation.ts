import { dialog, shell, type BrowserWindow, type WebContents } from 'electron';
import { isWebLink } from './origin-guard';
import { stationOf, type StationUrls } from './station-urls';

/**
 * Keeps a window on its station: no new windows, no navigation elsewhere, no webviews, no
 * permissions. Mention text is untrusted, so a link (or a script that got in) can at most ask
 * to open an http(s) address in the OS browser, and only the user's click on "Open" does it.
 */
export function guardNavigation(win: BrowserWindow, stations: StationUrls): void {
  const contents = win.webContents;

  contents.setWindowOpenHandler(({ url }) => {
    if (isWebLink(url)) void confirmExternal(win, url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    // Another room of the desk is another station: the window may go there, nowhere else.
    if (stationOf(stations, event.url)) return;
    event.preventDefault();
    if (isWebLink(event.url)) void confirmExternal(win, event.url);
  });
  contents.on('will-redirect', (event) => {
    if (event.isMainFrame && !stationOf(stations, event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  denyPermissions(contents);
}

/** Refuses every permission (camera, geolocation, notifications…) except copying to the clipboard. */
function denyPermissions(contents: WebContents): void {
  contents.session.setPermissionRequestHandler((_wc, permission, callback) => {
    callback(permission === 'clipboard-sanitized-write');
  });
  contents.session.setPermissionCheckHandler(
    (_wc, permission) => permission === 'clipboard-sanitized-write',
  );
}

let asking = false;

/** Shows the full address and opens it in the OS browser only if the user clicks "Open". */
async function confirmExternal(win: BrowserWindow, url: string): Promise<void> {
  // One question at a time: a page spamming window.open gets a single dialog, not a storm.
  if (asking || win.isDestroyed()) return;
  asking = true;
  try {
    const { response } = await dialog.showMessageBox(win, {
      type: 'question',
      buttons: ['Open in browser', 'Cancel'],
      defaultId: 1,
      cancelId: 1,
      title: 'Open link',
      message: 'Open this address in your web browser?',
      detail: url,
      noLink: true,
    });
    if (response === 0) await shell.openExternal(url);
  } finally {
    asking = false;
  }
}
