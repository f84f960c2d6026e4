import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { DeskRoomView } from '../../../shared/contract/rooms';
import type { StationCore } from '../core/core';
import { getRoom } from '../db/queries/people';
import { restoreBackup } from '../backup/restore-backup';
import { takeBackup } from '../backup/take-backup';
import { startStation, type RunningStation } from '../station';
import {
  ARCHIVES_DIR,
  ROOMS_DIR,
  newRoomKey,
  readRooms,
  writeRooms,
  type ActiveRoom,
  type DeskRoom,
  type RoomsFile,
} from './desk-home';
import { attachDeskRooms, DeskRoomsRefused, type DeskRoomsAccess } from './desk-rooms-access';

/** How to run a desk's rooms. */
export type RoomHostOptions = {
  /** The desk's home folder: rooms.json, rooms/<key>/, archives/. */
  home: string;
  host?: string;
  /** The port of the room the desk opens on (others keep theirs, or take a free one). */
  port?: number;
  discovery?: boolean;
  rendererDir?: string | null;
};

// How long an archived room's station stays up after answering, so its answer reaches the desk.
const STOP_AFTER_ANSWER_MS = 300;

/**
 * Runs every active room of a desk, each its own station (own data folder, port and peers), so a
 * desk can be in a live room and a training room at once and their data never meet; a room
 * keeps syncing while the desk looks at another. Closed rooms can be archived to a file and
 * opened again to read.
 */
export class RoomHost implements DeskRoomsAccess {
  private readonly running = new Map<string, RunningStation>();
  private rooms: RoomsFile;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(private readonly opts: RoomHostOptions) {
    this.rooms = readRooms(opts.home);
  }

  /** Starts every active room of the desk (making a first, empty one on a new desk). */
  static async start(opts: RoomHostOptions): Promise<RoomHost> {
    const host = new RoomHost(opts);
    mkdirSync(opts.home, { recursive: true });
    if (!host.rooms.rooms.some((r) => r.state === 'active')) host.addEmptyRoom();
    host.rooms.current ??= host.active()[0]?.key ?? null;
    try {
      const current = host.active().find((r) => r.key === host.rooms.current);
      if (current) await host.run(current, opts.port ?? 4120);
      for (const r of host.active()) if (r.key !== host.rooms.current) await host.run(r, null);
    } catch (err) {
      await host.close();
      throw err;
    }
    host.save();
    return host;
  }

  /** The station of the room the desk opens on. */
  current(): RunningStation {
    const s = this.running.get(this.rooms.current ?? '');
    if (!s) throw new Error('the desk has no room running');
    return s;
  }

  /** Every running station, by room key. */
  stations(): ReadonlyMap<string, RunningStation> {
    return this.running;
  }

  async list(here: StationCore | null): Promise<DeskRoomView[]> {
    const views: DeskRoomView[] = [];
    for (const r of this.rooms.rooms) views.push(await this.viewOf(r, here));
    return views;
  }

  create(here: StationCore | null): Promise<DeskRoomView> {
    return this.serial(async () => {
      const room = this.addEmptyRoom();
      await this.run(room, null);
      this.save();
      return this.viewOf(room, here);
    });
  }

  use(key: string): Promise<{ url: string }> {
    return this.serial(async () => {
      const s = this.running.get(key);
      if (!s) throw new DeskRoomsRefused(`no open room "${key}" on this desk`);
      this.rooms.current = key;
      this.save();
      return { url: s.url };
    });
  }

  archive(here: StationCore, by: string): Promise<{ file: string; next: string | null }> {
    return this.serial(async () => {
      const entry = this.active().find((r) => this.running.get(r.key)?.core === here);
      if (!entry) throw new DeskRoomsRefused('this room does not run on this desk');
      if (!here.closedRoom) throw new DeskRoomsRefused('close the room before archiving it');
      const room = await getRoom(here.read);
      const at = new Date();
      const folder = path.join(this.opts.home, ARCHIVES_DIR);
      const file = path.join(
        folder,
        `${entry.key}-${at.toISOString().slice(0, 10)}.holdline-room.tar.gz`,
      );
      if (existsSync(file)) throw new DeskRoomsRefused(`${file} already exists`);
      await takeBackup(entry.dir, file, { reason: 'archive' });
      // The room's folder goes next: first prove the file restores (hashes, integrity, chains,
      // digest), by restoring it beside the archives and throwing the copy away.
      const check = path.join(folder, `.check-${entry.key}-${process.pid}`);
      try {
        await restoreBackup(file, check, { alone: true });
      } catch (err) {
        rmSync(file, { force: true });
        throw err;
      } finally {
        rmSync(check, { recursive: true, force: true });
      }
      const archived: DeskRoom = {
        key: entry.key,
        state: 'archived',
        file,
        warRoom: room?.name ?? entry.key,
        warRoomId: room?.id ?? '',
        mode: room?.mode ?? 'live',
        archivedAt: at.toISOString(),
        archivedBy: by,
        addedAt: entry.addedAt,
      };
      this.rooms.rooms = this.rooms.rooms.map((r) => (r.key === entry.key ? archived : r));
      const next = this.active()[0] ?? this.addEmptyRoom();
      if (this.rooms.current === entry.key) this.rooms.current = next.key;
      if (!this.running.has(next.key)) await this.run(next, null);
      this.save();
      const station = this.running.get(entry.key);
      this.running.delete(entry.key);
      // Answer first (the asking desk is on this very station), then stop it and remove its folder.
      setTimeout(() => {
        void station
          ?.close()
          .then(() => rmSync(entry.dir, { recursive: true, force: true }))
          .catch((err: unknown) => console.error(`[rooms] could not remove ${entry.dir}:`, err));
      }, STOP_AFTER_ANSWER_MS);
      return { file, next: this.running.get(next.key)?.url ?? null };
    });
  }

  openArchive(key: string): Promise<{ url: string }> {
    return this.serial(async () => {
      const entry = this.rooms.rooms.find((r) => r.key === key);
      if (!entry || entry.state !== 'archived')
        throw new DeskRoomsRefused(`no archived room "${key}" on this desk`);
      if (!existsSync(entry.file))
        throw new DeskRoomsRefused(`the archive ${entry.file} is gone from this desk`);
      const dir = path.join(this.opts.home, ROOMS_DIR, key);
      // The archive is a closed room: it runs alone, read-only, and never waits for a peer.
      await restoreBackup(entry.file, dir, { alone: true });
      const opened: ActiveRoom = {
        key,
        state: 'active',
        dir,
        port: null,
        fromArchive: entry.file,
        addedAt: entry.addedAt,
      };
      this.rooms.rooms = this.rooms.rooms.map((r) => (r.key === key ? opened : r));
      const s = await this.run(opened, null);
      this.save();
      return { url: s.url };
    });
  }

  /** Stops every room's station. */
  async close(): Promise<void> {
    for (const s of this.running.values()) await s.close();
    this.running.clear();
  }

  private active(): ActiveRoom[] {
    return this.rooms.rooms.filter((r): r is ActiveRoom => r.state === 'active');
  }

  private addEmptyRoom(): ActiveRoom {
    const key = newRoomKey(this.rooms, 'room');
    const room: ActiveRoom = {
      key,
      state: 'active',
      dir: path.join(this.opts.home, ROOMS_DIR, key),
      port: null,
      addedAt: new Date().toISOString(),
    };
    mkdirSync(room.dir, { recursive: true });
    this.rooms.rooms.push(room);
    return room;
  }

  /** Starts a room's station on its port (the desk's port for the current room), else any free one. */
  private async run(room: ActiveRoom, port: number | null): Promise<RunningStation> {
    const base = {
      dataDir: room.dir,
      host: this.opts.host ?? '127.0.0.1',
      // An opened archive never looks for the room's stations.
      discovery: room.fromArchive ? false : (this.opts.discovery ?? false),
      ...(this.opts.rendererDir !== undefined && { rendererDir: this.opts.rendererDir }),
    };
    const wanted = port ?? room.port ?? 0;
    const s = await startStation({ ...base, port: wanted }).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'EADDRINUSE' || wanted === 0) throw err;
      return startStation({ ...base, port: 0 });
    });
    room.port = s.port;
    this.running.set(room.key, s);
    attachDeskRooms(s.core, this);
    return s;
  }

  private async viewOf(r: DeskRoom, here: StationCore | null): Promise<DeskRoomView> {
    if (r.state === 'archived')
      return {
        key: r.key,
        name: r.warRoom,
        mode: r.mode as DeskRoomView['mode'],
        state: 'archived',
        closed: true,
        fromArchive: false,
        url: null,
        here: false,
        archive: { file: r.file, at: r.archivedAt, by: r.archivedBy },
      };
    const s = this.running.get(r.key);
    const room = s ? await getRoom(s.core.read) : undefined;
    return {
      key: r.key,
      name: room?.name ?? null,
      mode: room?.mode ?? null,
      state: 'active',
      closed: Boolean(s?.core.closedRoom),
      fromArchive: Boolean(r.fromArchive),
      url: s?.url ?? null,
      here: Boolean(s && here && s.core === here),
      archive: null,
    };
  }

  private save(): void {
    writeRooms(this.opts.home, this.rooms);
  }

  // One change of the desk's rooms at a time.
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
