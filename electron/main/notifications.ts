import { ipcMain, Notification, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { COMMAND_CHANNEL, NOTIFY_CHANNEL, type DesktopCommand } from './ipc-contract';
import { NotifySchema } from './notify-schema';
import { assertFromStation } from './ipc';
import type { StationUrls } from './station-urls';
import { NotifyPolicy } from './notify-policy';
import { bringForward } from './tray';

/**
 * Native notifications for what the page asks (claims pushed to you, approvals waiting, SLA
 * breaches, alerts): only from the station's page, validated, rate-limited, and not while the
 * window has focus. Clicking one brings the window forward and opens what it is about.
 */
export function handleNotifications(
  stations: StationUrls,
  windowOf: () => BrowserWindow | null,
): () => void {
  const policy = new NotifyPolicy();
  ipcMain.handle(NOTIFY_CHANNEL, (event: IpcMainInvokeEvent, request: unknown): boolean => {
    assertFromStation(event, stations, NOTIFY_CHANNEL);
    const parsed = NotifySchema.safeParse(request);
    if (!parsed.success || !Notification.isSupported()) return false;
    const win = windowOf();
    if (!policy.allow(Date.now(), win?.isFocused() ?? false)) return false;
    const { title, body, target } = parsed.data;
    const note = new Notification({ title, body, silent: parsed.data.kind !== 'sla-breach' });
    note.on('click', () => {
      const w = windowOf();
      if (!w || w.isDestroyed()) return;
      bringForward(w);
      const command: DesktopCommand = { kind: 'open', target };
      w.webContents.send(COMMAND_CHANNEL, command);
    });
    note.show();
    return true;
  });
  return () => ipcMain.removeHandler(NOTIFY_CHANNEL);
}
