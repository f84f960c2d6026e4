import type { DeskRoomView } from '../../../shared/contract/rooms';
import type { StationCore } from '../core/core';

/** What a station of a desk holding several rooms may ask of the desk (rooms/room-host.ts). */
export type DeskRoomsAccess = {
  /** Every room of the desk, `here` marking the asking station's. */
  list(here: StationCore): Promise<DeskRoomView[]>;
  create(here: StationCore): Promise<DeskRoomView>;
  use(key: string): Promise<{ url: string }>;
  /** Archives the asking station's room (closed first) and takes it off the desk. */
  archive(here: StationCore, by: string): Promise<{ file: string; next: string | null }>;
  openArchive(key: string): Promise<{ url: string }>;
};

/** Refused by the desk: an unknown room, an open room to archive, a file that is gone… */
export class DeskRoomsRefused extends Error {}

const accessOf = new WeakMap<StationCore, DeskRoomsAccess>();

/** Gives a station of a desk access to the desk's rooms. */
export function attachDeskRooms(core: StationCore, access: DeskRoomsAccess): void {
  accessOf.set(core, access);
}

/** The desk's rooms, when this station runs on a desk holding several (null: a lone station). */
export function deskRoomsOf(core: StationCore): DeskRoomsAccess | null {
  return accessOf.get(core) ?? null;
}
