// Statements that change no table: transaction control and pragmas.
const QUIET = /^\s*(PRAGMA|BEGIN|COMMIT|END|SAVEPOINT|RELEASE)\b/i;
// A plain read (WITH … may end in a write, so it counts as one).
const READ = /^\s*SELECT\b/i;
// The table a plain INSERT, REPLACE, UPDATE or DELETE writes (other tables it names are read).
const TARGET =
  /^\s*(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|REPLACE\s+INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM)\s+["`[]?(\w+)/i;
// Statements remembered with the watched tables they may change (a station runs a few hundred).
const MAX_NAMED = 512;

/**
 * Reads of small, rarely written tables kept in memory by the write connection (Sql.memo): room
 * settings, revocation points, key rotations, erasures. Every batch a station applies consulted
 * them, eight round trips to SQLite's thread that were a third of a one-op batch's time (README,
 * Measured). A kept read is dropped when the connection writes to one of its tables (an INSERT,
 * UPDATE or DELETE into it; any other statement but a SELECT that names it), rolls back or runs
 * any other script, so it never outlives a change. Triggers are not followed: no trigger writes a
 * watched table (table-memos.test.ts checks the schema).
 */
export class TableMemos {
  private readonly values = new Map<
    string,
    { tables: readonly string[]; value: Promise<unknown> }
  >();
  /** Tables some kept read depends on. */
  private readonly watched = new Set<string>();
  /** Statement → the watched tables it names. */
  private readonly named = new Map<string, readonly string[]>();

  get<T>(key: string, tables: readonly string[], load: () => Promise<T>): Promise<T> {
    const kept = this.values.get(key);
    if (kept) return kept.value as Promise<T>;
    for (const t of tables)
      if (!this.watched.has(t)) {
        this.watched.add(t);
        this.named.clear();
      }
    const value = load();
    const entry = { tables, value };
    this.values.set(key, entry);
    // A failed read is not kept.
    value.catch(() => {
      if (this.values.get(key) === entry) this.values.delete(key);
    });
    return value;
  }

  /**
   * A statement is about to run, or has just run: drops kept reads of the tables it may change.
   * Called on both sides, so a read on the same connection that slipped in between (outside the
   * transaction queue) cannot keep what was there before the write.
   */
  wrote(sql: string): void {
    if (this.values.size === 0 || READ.test(sql)) return;
    let tables = this.named.get(sql);
    if (!tables) {
      const target = TARGET.exec(sql)?.[1]?.toLowerCase();
      tables = [...this.watched].filter((t) =>
        target ? t === target : new RegExp(`\\b${t}\\b`, 'i').test(sql),
      );
      if (this.named.size >= MAX_NAMED) this.named.clear();
      this.named.set(sql, tables);
    }
    if (tables.length === 0) return;
    for (const [key, e] of this.values)
      if (e.tables.some((t) => (tables as readonly string[]).includes(t))) this.values.delete(key);
  }

  /** A script is about to run: anything but transaction control and pragmas drops every kept read. */
  ran(script: string): void {
    if (script.split(';').every((s) => s.trim() === '' || QUIET.test(s))) return;
    this.values.clear();
  }
}
