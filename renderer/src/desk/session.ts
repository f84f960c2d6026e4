/** What the Electron preload may expose; absent in a plain browser. */
type HoldlineBridge = { stationUrl?: string };

/** The station's base URL: the preload's in the desktop app, else this page's own origin. */
export function stationBase(): string {
  const bridge = (window as unknown as { holdline?: HoldlineBridge }).holdline;
  return bridge?.stationUrl?.replace(/\/$/, '') ?? '';
}

const KEY = 'holdline.session';

/** The session token of this browser tab, if logged in. */
export function loadToken(): string | null {
  return sessionStorage.getItem(KEY);
}

/** Remembers (or forgets, with null) the session token for this tab. */
export function saveToken(token: string | null): void {
  if (token === null) sessionStorage.removeItem(KEY);
  else sessionStorage.setItem(KEY, token);
}
