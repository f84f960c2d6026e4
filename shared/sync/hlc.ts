/**
 * Hybrid logical clock (Kulkarni et al., "Logical Physical Clocks", 2014): wall-clock ms plus a
 * counter, so ops recorded on different stations order causally even when clocks drift, while
 * staying close to real time. Encoded as a fixed-width string that sorts like the clock:
 * `WWWWWWWWWWWWWWW-CCCCCC-stationId` (15-digit ms, 6-digit counter).
 */

/** A decoded HLC. */
export type Hlc = { wall: number; counter: number; station: string };

const WALL_DIGITS = 15;
const COUNTER_DIGITS = 6;
const MAX_COUNTER = 10 ** COUNTER_DIGITS - 1;
const PATTERN = /^(\d{15})-(\d{6})-(.+)$/;

/** Encodes an HLC as its sortable string. */
export function encodeHlc(h: Hlc): string {
  return `${String(h.wall).padStart(WALL_DIGITS, '0')}-${String(h.counter).padStart(COUNTER_DIGITS, '0')}-${h.station}`;
}

/** Decodes an HLC string; throws on a malformed one. */
export function decodeHlc(s: string): Hlc {
  const m = PATTERN.exec(s);
  if (!m || m[1] === undefined || m[2] === undefined || m[3] === undefined) {
    throw new Error(`malformed HLC: ${s.slice(0, 80)}`);
  }
  return { wall: Number(m[1]), counter: Number(m[2]), station: m[3] };
}

/** True when s is a well-formed HLC string. */
export function isHlc(s: string): boolean {
  return PATTERN.test(s);
}

/** The wall-clock part of an HLC as an ISO 8601 date. */
export function hlcToIso(s: string): string {
  return new Date(decodeHlc(s).wall).toISOString();
}

/** A station's clock: hands out strictly increasing HLCs and absorbs remote ones. */
export class HlcClock {
  private wall = 0;
  private counter = 0;

  constructor(
    readonly station: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** Restores the clock from the last HLC this station issued (after a restart). */
  restore(last: string | null): void {
    if (!last) return;
    const h = decodeHlc(last);
    this.wall = h.wall;
    this.counter = h.counter;
  }

  /** The next HLC for a local event. */
  tick(): string {
    const pt = this.now();
    if (pt > this.wall) {
      this.wall = pt;
      this.counter = 0;
    } else {
      this.bump();
    }
    return encodeHlc({ wall: this.wall, counter: this.counter, station: this.station });
  }

  /** Merges a remote HLC so later local ones sort after it. */
  receive(remote: string): void {
    const r = decodeHlc(remote);
    const pt = this.now();
    const wall = Math.max(this.wall, r.wall, pt);
    if (wall === this.wall && wall === r.wall) this.counter = Math.max(this.counter, r.counter);
    else if (wall === r.wall) this.counter = r.counter;
    else if (wall !== this.wall) this.counter = -1;
    this.wall = wall;
    this.bump();
  }

  private bump(): void {
    this.counter += 1;
    // A counter overflow means >1M events in one ms: borrow the next millisecond.
    if (this.counter > MAX_COUNTER) {
      this.wall += 1;
      this.counter = 0;
    }
  }
}
