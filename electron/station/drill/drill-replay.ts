import { isRehearsal } from '../../../shared/domain/room-mode';
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { DrillStatus } from '../../../shared/contract/drills';
import type { StationCore } from '../core/core';
import { getRoom } from '../db/queries/people';
import { ingestDrafts, prepareIngestItem } from '../ingest/ingest-draft';
import { CommandError } from '../mentions/commands';
import { createIngestRouter, type IngestRouter } from '../routing/ingest-router';
import { rulesInForce } from '../routing/rules-service';
import { DrillClock } from './drill-clock';
import type { DrillFile, DrillRecord } from './drill-file';

/** Most mentions one tick brings in (a fast replay catches up over several commits). */
const MAX_PER_TICK = 2_000;
/** Longest wait between ticks: pauses, speed changes and progress are seen this soon. */
const MAX_WAIT_MS = 500;
/** Progress reaches desks at most this often (and on every change of state). */
const PROGRESS_MS = 1_000;

/** Why a live room refuses a drill. */
export const DRILL_ROOM_ONLY =
  'drills replay into a drill or training room only, so rehearsal mentions never mix with live ones: create one (holdline init --drill or --training, or the kind of room at setup)';

/** How a drill replays. */
export type DrillOptions = {
  file: string;
  speed: number;
  /** Who started it: the replayed mentions are ingested as theirs. */
  actor: string;
  format: 'csv' | 'jsonl';
  /** The wall clock (tests pass their own). */
  now?: () => number;
};

/**
 * A file replayed into a drill room in time order at a chosen speed: each mention comes in when
 * its time in the file comes due on the drill's clock, dated at that moment (its time in the
 * file kept as metadata.replayOf), through the same enrichment and routing as live mentions, so
 * queues, SLA clocks and the staffing machine see the event's real volume curve (sped up).
 */
export class DrillReplay extends EventEmitter<{ progress: [DrillStatus]; end: [DrillStatus] }> {
  readonly id = randomUUID();
  private readonly clock: DrillClock;
  private readonly now: () => number;
  private next = 0;
  private state: DrillStatus['state'] = 'running';
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();
  private lastProgress = 0;
  private readonly startedAt: number;
  /** Settles when the replay ends (done or stopped). */
  readonly ended: Promise<DrillStatus>;

  private constructor(
    private readonly core: StationCore,
    private readonly records: DrillRecord[],
    private readonly badRows: number,
    private readonly route: IngestRouter,
    private readonly opts: DrillOptions,
  ) {
    super();
    this.now = opts.now ?? Date.now;
    this.startedAt = this.now();
    this.clock = new DrillClock((records[0] as DrillRecord).fileMs, this.startedAt, opts.speed);
    this.ended = new Promise((resolve) => this.once('end', resolve));
  }

  /** Starts replaying a read file into the station's drill room (refused in a live room). */
  static async start(core: StationCore, file: DrillFile, opts: DrillOptions): Promise<DrillReplay> {
    const room = await getRoom(core.read);
    if (!isRehearsal(room?.mode)) throw new CommandError('forbidden', DRILL_ROOM_ONLY);
    const route = createIngestRouter(await rulesInForce(core.read));
    const drill = new DrillReplay(core, file.records, file.badRows, route, opts);
    drill.schedule(0);
    return drill;
  }

  /** Where the replay stands. */
  status(): DrillStatus {
    const first = this.records[0] as DrillRecord;
    const last = this.records.at(-1) as DrillRecord;
    const fileNow = Math.min(
      Math.max(this.clock.fileTimeAt(this.now()), first.fileMs),
      last.fileMs,
    );
    return {
      id: this.id,
      file: this.opts.file,
      speed: this.clock.speed,
      state: this.state,
      total: this.records.length,
      replayed: this.next,
      badRows: this.badRows,
      fileFrom: new Date(first.fileMs).toISOString(),
      fileTo: new Date(last.fileMs).toISOString(),
      fileNow: new Date(this.state === 'done' ? last.fileMs : fileNow).toISOString(),
      startedBy: this.opts.actor,
      startedAt: new Date(this.startedAt).toISOString(),
    };
  }

  /** True until it is done or stopped. */
  get active(): boolean {
    return this.state === 'running' || this.state === 'paused';
  }

  pause(): void {
    if (this.state !== 'running') return;
    this.clock.pause(this.now());
    this.state = 'paused';
    this.announce(true);
  }

  resume(): void {
    if (this.state !== 'paused') return;
    this.clock.resume(this.now());
    this.state = 'running';
    this.schedule(0);
    this.announce(true);
  }

  setSpeed(speed: number): void {
    if (!this.active) return;
    this.clock.setSpeed(this.now(), speed);
    this.schedule(0);
    this.announce(true);
  }

  /** Stops for good (what was replayed stays); resolves once no commit is under way. */
  async stop(): Promise<void> {
    if (!this.active) return;
    this.state = 'stopped';
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    this.finish();
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.running = this.running.then(() => this.tick());
    }, ms);
  }

  private async tick(): Promise<void> {
    if (this.state !== 'running') return;
    const now = this.now();
    const dueBy = this.clock.fileTimeAt(now);
    const batch: DrillRecord[] = [];
    while (this.next + batch.length < this.records.length && batch.length < MAX_PER_TICK) {
      const r = this.records[this.next + batch.length] as DrillRecord;
      if (r.fileMs > dueBy) break;
      batch.push(r);
    }
    if (batch.length > 0) {
      try {
        await this.ingest(batch);
      } catch (err) {
        console.error('[drill] ingest failed; retrying', err);
        return this.schedule(MAX_WAIT_MS);
      }
      this.next += batch.length;
    }
    if (this.next >= this.records.length) {
      this.state = 'done';
      return this.finish();
    }
    this.announce(false);
    if (this.state !== 'running') return;
    const nextDue = this.clock.wallTimeOf((this.records[this.next] as DrillRecord).fileMs);
    this.schedule(Math.min(MAX_WAIT_MS, Math.max(0, nextDue - this.now())));
  }

  /** Brings a batch in, each mention dated when it came due on the drill's clock. */
  private async ingest(batch: DrillRecord[]): Promise<void> {
    const items = batch.map((r) =>
      prepareIngestItem(
        {
          ...r.input,
          occurredAt: new Date(Math.round(this.clock.wallTimeOf(r.fileMs))).toISOString(),
          metadata: { ...r.input.metadata, replayOf: r.input.occurredAt },
        },
        r.line,
        this.route,
      ),
    );
    await this.core.commit(
      ingestDrafts(items, this.opts.actor, {
        connector: this.opts.format,
        importId: this.id,
        note: `drill replay of ${this.opts.file} at ${this.clock.speed}×`,
      }),
    );
  }

  private announce(force: boolean): void {
    const now = this.now();
    if (!force && now - this.lastProgress < PROGRESS_MS) return;
    this.lastProgress = now;
    this.emit('progress', this.status());
  }

  private finish(): void {
    if (this.timer) clearTimeout(this.timer);
    const s = this.status();
    this.emit('progress', s);
    this.emit('end', s);
  }
}
