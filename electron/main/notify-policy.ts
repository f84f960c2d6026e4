/** Most native notifications in a minute; past that the desk's own banners carry the news. */
export const NOTIFY_PER_MINUTE = 6;

/**
 * Decides whether a notification shows: never while the window has focus (the desk shows it
 * already), and at most NOTIFY_PER_MINUTE a minute, so a surge does not bury the screen.
 */
export class NotifyPolicy {
  private shown: number[] = [];

  constructor(private readonly perMinute = NOTIFY_PER_MINUTE) {}

  /** True when a notification may show now (and counts it). */
  allow(now: number, windowFocused: boolean): boolean {
    if (windowFocused) return false;
    this.shown = this.shown.filter((t) => now - t < 60_000);
    if (this.shown.length >= this.perMinute) return false;
    this.shown.push(now);
    return true;
  }
}
