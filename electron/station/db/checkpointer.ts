import sqlite3 from 'sqlite3';

/** How often the write-ahead log is checkpointed in the background. */
export const CHECKPOINT_EVERY_MS = 500;
/**
 * …and during bulk writes (an import, a long catch-up), which checkpoint rarely on purpose: a page
 * that later commits write again is copied once. A firehose piped into an import for hours still
 * gets its log copied in the background, not in one commit of the writer's once it reaches its
 * bulk threshold (50,000 pages, ~200 MB).
 */
export const BULK_CHECKPOINT_EVERY_MS = 10_000;
/**
 * The writer's own checkpoint threshold while the checkpointer runs (pages of 4 KB): a safety
 * net, reached only when background checkpoints fall behind (a long read pinning the log).
 */
export const WRITER_CHECKPOINT_PAGES = 8_000;

/** What one checkpoint did, as SQLite reports it (frames of the log; -1: not in WAL mode). */
export type CheckpointResult = { busy: number; log: number; checkpointed: number };

/**
 * Copies committed pages from a station's write-ahead log into its database on a connection of
 * its own, every CHECKPOINT_EVERY_MS, instead of in the commit that crosses SQLite's threshold:
 * the application-initiated checkpoints of https://www.sqlite.org/wal.html#ckpt. A PASSIVE
 * checkpoint never waits for the writer, and the writer appends to the log meanwhile; with the
 * checkpoint inside a commit, every ~1,000 pages one commit also wrote and synced them all
 * (bench/sync: the slowest applies of a live feed, on every station at once).
 */
export class Checkpointer {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<CheckpointResult | null> | null = null;
  private lastStarted = Date.now();

  private constructor(
    private readonly raw: sqlite3.Database,
    /** True while bulk writes run: checkpoints every BULK_CHECKPOINT_EVERY_MS only. */
    private readonly bulk: () => boolean,
    private readonly bulkEveryMs: number,
  ) {}

  /** Opens the checkpointer's connection to `file` and starts its timer. */
  static async start(
    file: string,
    opts: { bulk?: () => boolean; everyMs?: number; bulkEveryMs?: number } = {},
  ): Promise<Checkpointer> {
    const raw = await new Promise<sqlite3.Database>((resolve, reject) => {
      const db = new sqlite3.Database(file, sqlite3.OPEN_READWRITE, (err) =>
        err ? reject(err) : resolve(db),
      );
    });
    const c = new Checkpointer(
      raw,
      opts.bulk ?? (() => false),
      opts.bulkEveryMs ?? BULK_CHECKPOINT_EVERY_MS,
    );
    c.timer = setInterval(() => void c.tick(), opts.everyMs ?? CHECKPOINT_EVERY_MS);
    c.timer.unref();
    return c;
  }

  private tick(): void {
    if (this.running) return;
    if (this.bulk() && Date.now() - this.lastStarted < this.bulkEveryMs) return;
    void this.checkpoint();
  }

  /** Checkpoints now (PASSIVE), or joins the one under way; null once closed. */
  checkpoint(): Promise<CheckpointResult | null> {
    if (this.running) return this.running;
    if (!this.timer) return Promise.resolve(null);
    this.lastStarted = Date.now();
    const run = new Promise<CheckpointResult | null>((resolve) => {
      this.raw.get('PRAGMA wal_checkpoint(PASSIVE)', (err: Error | null, row: CheckpointResult) => {
        // A failed checkpoint loses nothing (the log keeps every frame): the next tick tries again.
        resolve(err ? null : row);
      });
    });
    this.running = run.finally(() => (this.running = null));
    return this.running;
  }

  /** Stops the timer, waits for a checkpoint under way and closes the connection. */
  async close(): Promise<void> {
    if (!this.timer) return;
    clearInterval(this.timer);
    this.timer = null;
    await this.running;
    await new Promise<void>((resolve, reject) =>
      this.raw.close((err) => (err ? reject(err) : resolve())),
    );
  }
}
