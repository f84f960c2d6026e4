import { z } from 'zod';
import type { Ack } from './common';

/** One war room of this desk, as the room switcher shows it. */
export type DeskRoomView = {
  /** The desk's own name for the room's folder (stable, unique on this desk). */
  key: string;
  /** The room's name; null while nobody has set the room up yet. */
  name: string | null;
  mode: 'live' | 'drill' | 'training' | null;
  state: 'active' | 'archived';
  /** Closed (read-only) by an admin. */
  closed: boolean;
  /** Opened from an archive file: read here only, never synced. */
  fromArchive: boolean;
  /** Where its UI is (null while archived). */
  url: string | null;
  /** The room the asking desk is in. */
  here: boolean;
  archive: { file: string; at: string; by: string } | null;
};

/** A room of this desk, by key. */
export const DeskRoomKeySchema = z.object({ key: z.string().min(1).max(48) }).strict();

/** The rooms domain of /desk: the war rooms this desk holds (the desk's owner only). */
export type RoomsCommands = {
  'rooms.list': (input: Record<string, never>, ack: Ack<{ rooms: DeskRoomView[] }>) => void;
  /** A new, empty room on this desk: its URL opens the setup screen. */
  'rooms.create': (input: Record<string, never>, ack: Ack<{ room: DeskRoomView }>) => void;
  /** Makes a room the one the desk opens on; answers its URL. */
  'rooms.use': (input: z.input<typeof DeskRoomKeySchema>, ack: Ack<{ url: string }>) => void;
  /** Archives this (closed) room to a file and removes it from the desk (admin). */
  'rooms.archive': (
    input: Record<string, never>,
    ack: Ack<{ file: string; next: string | null }>,
  ) => void;
  /** Opens an archived room to read. */
  'rooms.openArchive': (
    input: z.input<typeof DeskRoomKeySchema>,
    ack: Ack<{ url: string }>,
  ) => void;
};
