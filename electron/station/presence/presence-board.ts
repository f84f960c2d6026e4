import { EventEmitter } from 'node:events';
import { z } from 'zod';
import { PRESENCE_MODES, type PresenceEntry } from '../../../shared/contract/presence';

type Local = Omit<PresenceEntry, 'stationId'>;

/** How long another station's presence counts without news from it. */
export const PRESENCE_TTL_MS = 30_000;

/** A station's presence as it travels between stations: who is where, as of its own clock. */
export const PresenceSnapshotSchema = z
  .record(
    z.string().min(1).max(64),
    z.object({
      asOf: z.number().int().min(0),
      entries: z
        .array(
          z.object({
            operatorId: z.string().min(1).max(128),
            operatorName: z.string().max(120),
            mentionId: z.string().min(1).max(128),
            mode: z.enum(PRESENCE_MODES),
          }),
        )
        .max(500),
    }),
  )
  .refine((s) => Object.keys(s).length <= 200, 'too many stations');
/** A presence snapshot. */
export type PresenceSnapshot = z.infer<typeof PresenceSnapshotSchema>;

/**
 * Who is on which mention, on this station's desks and (as gossiped) on every other station's:
 * ephemeral, never written to the log. Each station's part is replaced by newer news of it, so
 * snapshots can be relayed station to station and still converge.
 */
export class PresenceBoard extends EventEmitter<{ changed: [] }> {
  private readonly local = new Map<string, Local>();
  private readonly remote = new Map<string, { asOf: number; entries: Local[] }>();

  constructor(readonly stationId: string) {
    super();
  }

  /** What one desk connection is on now (null: nothing, or it left). */
  setLocal(connectionId: string, entry: Local | null): void {
    const before = JSON.stringify(this.local.get(connectionId) ?? null);
    if (entry) this.local.set(connectionId, entry);
    else this.local.delete(connectionId);
    if (JSON.stringify(entry) === before) return;
    this.emit('changed');
  }

  /** This station's view, to send to peers: its own desks and what it heard of others. */
  snapshot(now = Date.now()): PresenceSnapshot {
    const out: PresenceSnapshot = {
      [this.stationId]: { asOf: now, entries: [...this.local.values()] },
    };
    for (const [id, part] of this.remote)
      if (now - part.asOf < PRESENCE_TTL_MS) out[id] = { asOf: part.asOf, entries: part.entries };
    return out;
  }

  /** Takes in a peer's snapshot: newer news of a station replaces older. */
  merge(snapshot: PresenceSnapshot): void {
    let changed = false;
    for (const [id, part] of Object.entries(snapshot)) {
      if (id === this.stationId) continue;
      const known = this.remote.get(id);
      if (known && known.asOf >= part.asOf) continue;
      if (!known || JSON.stringify(known.entries) !== JSON.stringify(part.entries)) changed = true;
      this.remote.set(id, { asOf: part.asOf, entries: part.entries });
    }
    if (changed) this.emit('changed');
  }

  /**
   * Other stations heard from within the TTL, directly or relayed: the stations up in this part of
   * the room, even those this one has no link with.
   */
  liveStations(now = Date.now()): string[] {
    return [...this.remote].filter(([, p]) => now - p.asOf < PRESENCE_TTL_MS).map(([id]) => id);
  }

  /** Everyone on a mention now, across the room (stale stations left out). */
  entries(now = Date.now()): PresenceEntry[] {
    const out: PresenceEntry[] = [...this.local.values()].map((e) => ({
      ...e,
      stationId: this.stationId,
    }));
    for (const [id, part] of this.remote)
      if (now - part.asOf < PRESENCE_TTL_MS)
        for (const e of part.entries) out.push({ ...e, stationId: id });
    return out;
  }
}

const BOARDS = new WeakMap<object, PresenceBoard>();

/** The presence board of a station (one per core). */
export function presenceBoardOf(core: { stationId: string }): PresenceBoard {
  let board = BOARDS.get(core);
  if (!board) {
    board = new PresenceBoard(core.stationId);
    BOARDS.set(core, board);
  }
  return board;
}
