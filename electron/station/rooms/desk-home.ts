import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** The desk's list of its rooms, kept in its home folder. */
export const ROOMS_FILE = 'rooms.json';
/** Where a desk keeps the folders of its rooms, and the files of archived ones. */
export const ROOMS_DIR = 'rooms';
export const ARCHIVES_DIR = 'archives';
/** The folder of the single room a desk had before it held several (kept where it was). */
export const LEGACY_ROOM_DIR = 'station';

const KeySchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,47}$/);

/** A room this desk runs: its data folder (a station of the room). */
const ActiveRoomSchema = z.object({
  key: KeySchema,
  state: z.literal('active'),
  dir: z.string().min(1),
  /** The port it served on last: kept so addresses people wrote down stay right. */
  port: z.number().int().min(0).max(65535).nullable(),
  /** An archive opened to read: it runs alone, never syncing with the room. */
  fromArchive: z.string().min(1).optional(),
  addedAt: z.iso.datetime(),
});

/** A room archived to a file: no station runs for it until it is opened again. */
const ArchivedRoomSchema = z.object({
  key: KeySchema,
  state: z.literal('archived'),
  file: z.string().min(1),
  warRoom: z.string(),
  warRoomId: z.string(),
  mode: z.string(),
  archivedAt: z.iso.datetime(),
  archivedBy: z.string(),
  addedAt: z.iso.datetime(),
});

const DeskRoomSchema = z.discriminatedUnion('state', [ActiveRoomSchema, ArchivedRoomSchema]);
/** One room of the desk. */
export type DeskRoom = z.infer<typeof DeskRoomSchema>;
/** A room that runs on this desk. */
export type ActiveRoom = z.infer<typeof ActiveRoomSchema>;

const RoomsFileSchema = z.object({
  version: z.literal(1),
  /** The room the desk opens on (the last one used). */
  current: KeySchema.nullable(),
  rooms: z.array(DeskRoomSchema).max(200),
});
/** The desk's rooms file. */
export type RoomsFile = z.infer<typeof RoomsFileSchema>;

/** Thrown for a rooms.json that is not one: the desk says where and why, and changes nothing. */
export class RoomsFileError extends Error {}

/**
 * Reads the desk's rooms. A missing file is a new desk — holding, if one exists, the folder of
 * the single room desks had before (home/station), which stays where it is.
 */
export function readRooms(home: string): RoomsFile {
  const file = path.join(home, ROOMS_FILE);
  if (!existsSync(file)) {
    const legacy = path.join(home, LEGACY_ROOM_DIR);
    if (!existsSync(legacy)) return { version: 1, current: null, rooms: [] };
    const room: DeskRoom = {
      key: 'station',
      state: 'active',
      dir: legacy,
      port: null,
      addedAt: new Date().toISOString(),
    };
    return { version: 1, current: room.key, rooms: [room] };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new RoomsFileError(`${file} is not valid JSON (${(err as Error).message})`);
  }
  const parsed = RoomsFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RoomsFileError(
      `${file}: ${issue?.path.join('.') || 'file'}: ${issue?.message ?? 'invalid'}`,
    );
  }
  return parsed.data;
}

/** Writes the desk's rooms (checked first; replaced in one rename). */
export function writeRooms(home: string, rooms: RoomsFile): void {
  const checked = RoomsFileSchema.parse(rooms);
  mkdirSync(home, { recursive: true });
  const file = path.join(home, ROOMS_FILE);
  writeFileSync(`${file}.tmp`, JSON.stringify(checked, null, 2) + '\n');
  renameSync(`${file}.tmp`, file);
}

/** A key for a new room that no room of the desk has (also its folder name under rooms/). */
export function newRoomKey(rooms: RoomsFile, hint: string): string {
  const base =
    hint
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'room';
  const taken = new Set(rooms.rooms.map((r) => r.key));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
