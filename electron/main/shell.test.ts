import type { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// The shipped main-process code, run against a stand-in for Electron's API (the binary cannot be
// downloaded here; e2e/electron runs the real thing where it is installed). Each stand-in records
// what the code asked of Electron, which is what these tests check.
type Contents = EventEmitter & {
  openHandler?: (d: { url: string }) => { action: string };
  send?: unknown;
};
const made = vi.hoisted(() => ({
  windows: [] as { options: Record<string, unknown>; contents: Contents }[],
  openExternal: [] as string[],
  dialogAnswer: 1,
  permissionHandler: null as null | ((wc: unknown, p: string, cb: (ok: boolean) => void) => void),
  ipcHandlers: new Map<string, (event: unknown, ...args: unknown[]) => unknown>(),
  notifications: [] as (EventEmitter & { options: Record<string, unknown>; shown: boolean })[],
}));

vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events');
  class BrowserWindow extends EventEmitter {
    webContents: Contents;
    contents: Contents;
    constructor(readonly options: Record<string, unknown>) {
      super();
      const contents = Object.assign(new EventEmitter(), {
        setWindowOpenHandler: (h: unknown) => Object.assign(contents, { openHandler: h }),
        session: {
          setPermissionRequestHandler: (h: typeof made.permissionHandler) => {
            made.permissionHandler = h;
          },
          setPermissionCheckHandler: () => undefined,
        },
        send: vi.fn(),
      });
      this.webContents = contents as Contents;
      this.contents = contents as Contents;
      made.windows.push(this);
    }
    loadURL = vi.fn(async () => undefined);
    isDestroyed = () => false;
    isMinimized = () => false;
    isFocused = () => false;
    show = vi.fn();
    focus = vi.fn();
    restore = vi.fn();
  }
  class Notification extends EventEmitter {
    static isSupported = () => true;
    shown = false;
    constructor(readonly options: Record<string, unknown>) {
      super();
      made.notifications.push(this);
    }
    show() {
      this.shown = true;
    }
  }
  return {
    app: { isPackaged: true, getAppPath: () => '/opt/Holdline/resources/app.asar' },
    BrowserWindow,
    Notification,
    dialog: { showMessageBox: vi.fn(async () => ({ response: made.dialogAnswer })) },
    shell: { openExternal: vi.fn(async (url: string) => void made.openExternal.push(url)) },
    ipcMain: {
      handle: (channel: string, h: (event: unknown, ...args: unknown[]) => unknown) =>
        made.ipcHandlers.set(channel, h),
      removeHandler: (channel: string) => made.ipcHandlers.delete(channel),
    },
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: vi.fn() },
  };
});
vi.mock('electron-window-state', () => ({
  default: () => ({ x: 10, y: 20, width: 1200, height: 800, manage: vi.fn() }),
}));

const { createMainWindow } = await import('./window');
const { handleNotifications } = await import('./notifications');
const { handleStationInfo } = await import('./ipc');
const { queueMenu } = await import('./menu');
const { NotifyPolicy } = await import('./notify-policy');
const { trayLines } = await import('./tray-state');
const { KEYMAP } = await import('../../shared/desk/keymap');

const STATION = 'http://127.0.0.1:4120/';
const fromFrame = (url: string) => ({ senderFrame: { url } });

beforeEach(() => {
  made.windows.length = 0;
  made.openExternal.length = 0;
  made.notifications.length = 0;
  made.ipcHandlers.clear();
});

describe('the main window', () => {
  it('is created with Electron’s security checklist settings', () => {
    createMainWindow(STATION);
    const prefs = made.windows[0]?.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false,
    });
    expect(String(prefs.preload)).toMatch(/preload[\\/]index\.js$/);
    expect(made.windows[0]?.options).toMatchObject({ x: 10, y: 20, width: 1200, height: 800 });
  });

  it('stays on its station: other origins and new windows are refused, web links only opened after the user says so', async () => {
    createMainWindow(STATION);
    const contents = made.windows[0]?.contents as Contents & {
      openHandler: (d: { url: string }) => { action: string };
    };
    const navigate = (url: string) => {
      const event = { url, preventDefault: vi.fn() };
      contents.emit('will-navigate', event);
      return event.preventDefault.mock.calls.length > 0;
    };
    expect(navigate('http://127.0.0.1:4120/queue')).toBe(false);
    expect(navigate('https://evil.example/phish')).toBe(true);
    expect(navigate('http://127.0.0.1:9999/')).toBe(true);
    expect(navigate('file:///etc/passwd')).toBe(true);

    expect(contents.openHandler({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    made.dialogAnswer = 1; // Cancel
    expect(contents.openHandler({ url: 'https://status.example/' })).toEqual({ action: 'deny' });
    await vi.waitFor(() => expect(made.openExternal).toEqual([]));
    made.dialogAnswer = 0; // Open in browser
    contents.openHandler({ url: 'https://status.example/' });
    await vi.waitFor(() => expect(made.openExternal).toEqual(['https://status.example/']));

    const webview = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', webview);
    expect(webview.preventDefault).toHaveBeenCalled();
    const asked: boolean[] = [];
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-sanitized-write'])
      made.permissionHandler?.(null, p, (ok) => asked.push(ok));
    expect(asked).toEqual([false, false, false, true]);
  });
});

describe('IPC', () => {
  it('answers only the station’s own frames', () => {
    handleStationInfo(STATION);
    const info = made.ipcHandlers.get('holdline:station-info');
    expect(info?.(fromFrame('http://127.0.0.1:4120/'))).toEqual({
      stationUrl: STATION,
      platform: process.platform,
    });
    expect(() => info?.(fromFrame('https://evil.example/'))).toThrow(/refused/);
    expect(() => info?.({ senderFrame: null })).toThrow(/refused/);
  });

  it('shows a valid notification from the station’s page, refuses others, and opens its target on click', () => {
    createMainWindow(STATION);
    const win = made.windows[0];
    handleNotifications(STATION, () => win as never);
    const notify = made.ipcHandlers.get('holdline:notify');
    const request = {
      kind: 'assigned',
      title: 'A mention was given to you',
      body: '@kasia: my kettle sparked',
      target: { kind: 'mention', id: 'twitter:1' },
    };
    expect(() => notify?.(fromFrame('https://evil.example/'), request)).toThrow(/refused/);
    expect(notify?.(fromFrame(STATION), { ...request, title: '' })).toBe(false);
    expect(notify?.(fromFrame(STATION), { ...request, extra: 'x' })).toBe(false);
    expect(notify?.(fromFrame(STATION), request)).toBe(true);
    expect(made.notifications.map((n) => [n.options.title, n.shown])).toEqual([
      ['A mention was given to you', true],
    ]);
    made.notifications[0]?.emit('click');
    expect(win?.contents.send).toHaveBeenCalledWith('holdline:command', {
      kind: 'open',
      target: { kind: 'mention', id: 'twitter:1' },
    });
  });
});

describe('notification policy', () => {
  it('stays quiet while the window has focus and shows at most six a minute', () => {
    const policy = new NotifyPolicy();
    expect(policy.allow(0, true)).toBe(false);
    const shown = Array.from({ length: 10 }, (_, i) => policy.allow(i * 1000, false));
    expect(shown.filter(Boolean)).toHaveLength(6);
    expect(policy.allow(61_000, false)).toBe(true);
  });
});

describe('menu and tray', () => {
  it('lists every queue action with its key, never registering single keys', () => {
    const menu = queueMenu(() => null);
    const items = menu.submenu as {
      label: string;
      accelerator: string;
      registerAccelerator: boolean;
    }[];
    expect(items).toHaveLength(KEYMAP.length - 1);
    expect(items.every((i) => i.registerAccelerator === false)).toBe(true);
    expect(items.find((i) => i.label === 'Claim')?.accelerator).toBe('c');
  });

  it('says what the room needs at a glance', () => {
    expect(
      trayLines({
        warRoom: 'Kettle recall',
        drill: false,
        level: 'surge',
        waiting: 42,
        oldestMinutes: 17,
        openRuns: 1,
        worstSeverity: 'SEV1',
      }),
    ).toEqual([
      'Holdline — Kettle recall',
      '1 open incident, worst SEV1',
      'Staffing: surge',
      '42 waiting, oldest 17 min',
    ]);
  });
});
