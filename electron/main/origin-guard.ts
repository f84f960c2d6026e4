/** True when `url` parses and has exactly `origin` (scheme, host and port). */
export function hasOrigin(url: string | undefined | null, origin: string): boolean {
  if (!url) return false;
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}

/** True for links the OS browser may open: http(s) only, never file:, javascript:, custom schemes. */
export function isWebLink(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}
