import type { StationCore } from '../core/core';
import { addSeen, cursorOf, pruneSeen, putCursor, seenAmong } from '../db/queries/connectors';
import type { CursorStore, SeenSet } from './connector-kind';

// Writes go through a transaction of their own: a bare statement on the write connection would
// land inside whatever transaction another part of the station has open at that moment.

/** A connector's cursor, kept in SQLite (local-only). */
export function cursorStore(core: StationCore, connectorId: string): CursorStore {
  return {
    load: async <T>() => {
      const text = await cursorOf(core.read, connectorId);
      return text === undefined ? undefined : (JSON.parse(text) as T);
    },
    save: (value) => core.db.transaction((tx) => putCursor(tx, connectorId, JSON.stringify(value))),
  };
}

/** The keys a connector has taken in, kept in SQLite (local-only). */
export function seenSet(core: StationCore, connectorId: string): SeenSet {
  return {
    among: (keys) => seenAmong(core.read, connectorId, keys),
    add: (keys) => core.db.transaction((tx) => addSeen(tx, connectorId, keys, Date.now())),
    prune: async (keep) => {
      await core.db.transaction((tx) => pruneSeen(tx, connectorId, keep));
    },
  };
}
