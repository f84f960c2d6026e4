/**
 * A drill's clock: file time runs `speed` times as fast as wall time from an anchor (a wall time
 * and the file time it stands for). Pausing, resuming and changing speed re-anchor at the moment
 * they happen, so the file time never jumps.
 */
export class DrillClock {
  private anchorWall: number;
  private anchorFile: number;
  private paused = false;

  constructor(
    fileFrom: number,
    wallNow: number,
    public speed: number,
  ) {
    this.anchorWall = wallNow;
    this.anchorFile = fileFrom;
  }

  /** The file time (epoch ms) the replay has reached at wall time `now`. */
  fileTimeAt(now: number): number {
    return this.paused ? this.anchorFile : this.anchorFile + (now - this.anchorWall) * this.speed;
  }

  /** The wall time at which file time `fileMs` comes (or came) due, as things run now. */
  wallTimeOf(fileMs: number): number {
    return this.anchorWall + (fileMs - this.anchorFile) / this.speed;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  pause(now: number): void {
    if (this.paused) return;
    this.anchorFile = this.fileTimeAt(now);
    this.anchorWall = now;
    this.paused = true;
  }

  resume(now: number): void {
    if (!this.paused) return;
    this.anchorWall = now;
    this.paused = false;
  }

  setSpeed(now: number, speed: number): void {
    this.anchorFile = this.fileTimeAt(now);
    this.anchorWall = now;
    this.speed = speed;
  }
}
