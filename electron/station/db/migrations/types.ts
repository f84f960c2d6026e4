/** One schema migration: applied once, in id order, inside a transaction. */
export type Migration = { id: number; name: string; up: string };
