import sqlite3 from 'sqlite3';
import { TableMemos } from './table-memos';

/** A value SQLite accepts as a bound parameter. */
export type SqlValue = string | number | bigint | Buffer | null;
/** Bound parameters, positional. */
export type SqlParams = readonly SqlValue[];

/** A promise-based handle on one sqlite3 connection. */
export type Sql = {
  run(sql: string, params?: SqlParams): Promise<{ changes: number; lastID: number }>;
  get<T>(sql: string, params?: SqlParams): Promise<T | undefined>;
  /**
   * The row of a query that yields at most one (LIMIT 1, an aggregate), on a kept statement run
   * to its end: one trip to the thread pool, where get takes two (it prepares afresh).
   */
  first<T>(sql: string, params?: SqlParams): Promise<T | undefined>;
  all<T>(sql: string, params?: SqlParams): Promise<T[]>;
  exec(sql: string): Promise<void>;
  each<T>(sql: string, params: SqlParams, onRow: (row: T) => void): Promise<number>;
  /**
   * Runs `head VALUES (?,…),(?,…)… tail` for many rows through prepared statements of up to
   * ROWS_PER_STATEMENT rows, cached per shape. Bound values go to SQLite as they are; this beat
   * json_each unpacking by ~2x on the ingest path (JSON escaping and re-parsing of long texts).
   */
  insertRows(
    head: string,
    width: number,
    rows: readonly (readonly SqlValue[])[],
    tail?: string,
    /** One row's placeholders, when a column needs an expression (default `(?, …, ?)`). */
    tuple?: string,
  ): Promise<InsertedRows>;
  /**
   * A read of a small, rarely written table kept in memory, on the write connection: later calls
   * with the same key answer without a query until this connection writes to one of `tables`
   * (db/table-memos.ts says how a write is recognised), rolls back or runs a script. Elsewhere
   * it just runs `load`. The value is shared between callers: they must not change it.
   */
  memo<T>(key: string, tables: readonly string[], load: () => Promise<T>): Promise<T>;
  /** Finalizes kept statements before closing; later queries are refused. */
  finalize(): Promise<void>;
};

/** What insertRows wrote. */
export type InsertedRows = {
  changes: number;
  /**
   * For a plain INSERT into a rowid table: the rowid of the first row inserted (SQLite gives a
   * new row the largest rowid plus one, so a statement's rows are consecutive and the first is its
   * last rowid minus its changes plus one); null when nothing was inserted.
   */
  firstRowid: number | null;
};

/** Rows per prepared multi-row INSERT (width × rows stays under SQLite's 32,766 variables). */
export const ROWS_PER_STATEMENT = 200;

/** A write connection that runs transactions one at a time. */
export type Db = Sql & {
  /** Runs fn inside BEGIN IMMEDIATE … COMMIT; concurrent callers queue up (sqlite3 would interleave). */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  /**
   * Runs fn in the same queue, between transactions and outside any: for what cannot run in
   * one (VACUUM, a TRUNCATE checkpoint), without racing the station's own writes.
   */
  between<T>(fn: (sql: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  readonly file: string;
};

// Prepared statements kept per connection, at most (the least recently added go first). A
// statement prepared once and run again skips SQLite's parser and planner: ingest's derive and the
// op inserts are compiled once per station instead of once per batch.
const MAX_STATEMENTS = 256;

// Scripts that a statement run to its end without a reset cannot hold up.
const TRANSACTION_CONTROL =
  /^\s*(BEGIN(\s+(DEFERRED|IMMEDIATE|EXCLUSIVE))?(\s+TRANSACTION)?|COMMIT|END|ROLLBACK)\s*;?\s*$/i;
// What SQLite says when a statement not reset yet holds up a script.
const HELD_BY_STATEMENTS = /SQLITE_LOCKED|statements in progress/;

function wrap(raw: sqlite3.Database, memos?: TableMemos): Sql {
  const statements = new Map<string, Promise<sqlite3.Statement>>();
  let finalized = false;
  const statementFor = (sql: string): Promise<sqlite3.Statement> => {
    // A statement made after finalize() would keep the connection from closing.
    if (finalized) return Promise.reject(new Error('SQLITE_MISUSE: the database is closing'));
    let stmt = statements.get(sql);
    if (!stmt) {
      // Prepared with a callback: SQL that does not compile rejects here (and is not kept)
      // instead of emitting an 'error' event on the statement.
      stmt = new Promise((resolve, reject) => {
        const st = raw.prepare(sql, (err: Error | null) => {
          if (!err) return resolve(st);
          statements.delete(sql);
          reject(err);
        });
      });
      statements.set(sql, stmt);
      if (statements.size > MAX_STATEMENTS) {
        const [oldest, old] = statements.entries().next().value as [
          string,
          Promise<sqlite3.Statement>,
        ];
        statements.delete(oldest);
        // After whatever it still has queued.
        void old
          .then((st) => {
            unreset.delete(st);
            st.finalize();
          })
          .catch(() => undefined);
      }
    }
    return stmt;
  };
  // A kept statement run to its end holds no snapshot, but until it is reset it keeps a DROP on
  // this connection from going ahead (SQLITE_LOCKED). Resetting after every use cost each
  // statement a second trip to the thread pool (a peer batch's 7 statements took 14), so kept
  // statements are reset together before a script runs instead (exec: migrations, index drops).
  const unreset = new Set<sqlite3.Statement>();
  const resetKept = async () => {
    const kept = [...unreset];
    unreset.clear();
    await Promise.all(kept.map((st) => new Promise<void>((resolve) => st.reset(() => resolve()))));
  };
  const settle =
    <T>(stmt: sqlite3.Statement, resolve: (v: T) => void, reject: (e: Error) => void) =>
    (err: Error | null, value: T) => {
      unreset.add(stmt);
      if (err) reject(err);
      else resolve(value);
    };
  const runStatement = (stmt: sqlite3.Statement, params: readonly unknown[]) =>
    new Promise<sqlite3.RunResult>((resolve, reject) => {
      const done = settle(stmt, resolve, reject);
      stmt.run(params, function onRun(this: sqlite3.RunResult, err: Error | null) {
        done(err, this);
      });
    });
  const all = async <T>(sql: string, params: SqlParams = []) => {
    memos?.wrote(sql);
    const stmt = await statementFor(sql);
    return new Promise<T[]>((resolve, reject) => {
      stmt.all(params as unknown[], settle(stmt, resolve, reject));
    }).finally(() => memos?.wrote(sql));
  };
  const runScript = (sql: string) =>
    new Promise<void>((resolve, reject) => raw.exec(sql, (err) => (err ? reject(err) : resolve())));
  return {
    finalize: async () => {
      finalized = true;
      unreset.clear();
      const all = [...statements.values()];
      statements.clear();
      await Promise.all(
        all.map((p) =>
          p.then(
            (st) => new Promise<void>((resolve) => st.finalize(() => resolve())),
            () => undefined,
          ),
        ),
      );
    },
    insertRows: async (head, width, rows, tail = '', rowTuple?: string) => {
      memos?.wrote(head);
      const tuple = rowTuple ?? `(${Array.from({ length: width }, () => '?').join(',')})`;
      let changes = 0;
      let firstRowid: number | null = null;
      for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
        const chunk = rows.slice(i, i + ROWS_PER_STATEMENT);
        const sql = `${head} VALUES ${Array.from({ length: chunk.length }, () => tuple).join(',')} ${tail}`;
        const params: SqlValue[] = [];
        for (const r of chunk) for (const v of r) params.push(v);
        const r = await runStatement(await statementFor(sql), params);
        if (firstRowid === null && r.changes > 0) firstRowid = r.lastID - r.changes + 1;
        changes += r.changes;
      }
      memos?.wrote(head);
      return { changes, firstRowid };
    },
    memo: (key, tables, load) => (memos ? memos.get(key, tables, load) : load()),
    // run and all step their statement to the end, so a kept statement holds no lock between
    // uses; get stops at the first row and would, so it prepares afresh each time.
    run: async (sql, params = []) => {
      memos?.wrote(sql);
      const r = await runStatement(await statementFor(sql), params as unknown[]).finally(() =>
        memos?.wrote(sql),
      );
      return { changes: r.changes, lastID: r.lastID };
    },
    get: <T>(sql: string, params: SqlParams = []) =>
      new Promise<T | undefined>((resolve, reject) => {
        memos?.wrote(sql);
        raw.get(sql, params as unknown[], (err: Error | null, row: T | undefined) =>
          err ? reject(err) : resolve(row),
        );
      }),
    all,
    first: async <T>(sql: string, params: SqlParams = []) => (await all<T>(sql, params))[0],
    exec: async (sql) => {
      memos?.ran(sql);
      if (TRANSACTION_CONTROL.test(sql)) return runScript(sql);
      await resetKept();
      try {
        await runScript(sql);
      } catch (err) {
        // A statement of this connection run outside the write queue meanwhile: reset, once more.
        if (unreset.size === 0 || !HELD_BY_STATEMENTS.test(String(err))) throw err;
        await resetKept();
        await runScript(sql);
      }
    },
    each: <T>(sql: string, params: SqlParams, onRow: (row: T) => void) =>
      new Promise<number>((resolve, reject) => {
        memos?.wrote(sql);
        let failed: Error | null = null;
        raw.each(
          sql,
          params as unknown[],
          (err: Error | null, row: T) => {
            if (err) failed = err;
            else if (!failed) onRow(row);
          },
          (err: Error | null, count: number) =>
            err || failed ? reject(err ?? failed) : resolve(count),
        );
      }),
  };
}

function openRaw(file: string, mode: number): Promise<sqlite3.Database> {
  return new Promise((resolve, reject) => {
    const raw = new sqlite3.Database(file, mode, (err) => (err ? reject(err) : resolve(raw)));
  });
}

/** SQLite's page cache per connection, in KiB. */
export const CACHE_KIB = 16_000;

const PRAGMAS = `
  PRAGMA journal_mode = WAL;
  PRAGMA synchronous = NORMAL;
  PRAGMA foreign_keys = ON;
  PRAGMA busy_timeout = 10000;
  PRAGMA temp_store = MEMORY;
  PRAGMA cache_size = -${CACHE_KIB};
`;

/** Opens (creating if needed) the station's database for writing: WAL, foreign keys on. */
export async function openDb(file: string): Promise<Db> {
  const raw = await openRaw(file, sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE);
  const sql = wrap(raw, new TableMemos());
  await sql.exec(PRAGMAS);
  let queue: Promise<unknown> = Promise.resolve();
  return {
    ...sql,
    file,
    transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
      const next = queue.then(async () => {
        await sql.exec('BEGIN IMMEDIATE');
        try {
          const result = await fn(sql);
          await sql.exec('COMMIT');
          return result;
        } catch (err) {
          await sql.exec('ROLLBACK').catch(() => undefined);
          throw err;
        }
      });
      queue = next.catch(() => undefined);
      return next;
    },
    between<T>(fn: (sql: Sql) => Promise<T>): Promise<T> {
      const next = queue.then(() => fn(sql));
      queue = next.catch(() => undefined);
      return next;
    },
    close: () =>
      queue.then(async () => {
        await sql.finalize();
        await new Promise<void>((resolve, reject) =>
          raw.close((err) => (err ? reject(err) : resolve())),
        );
      }),
  };
}

/** A second, read-only connection: WAL lets queries run while an import writes. */
export async function openReadDb(file: string): Promise<Sql & { close(): Promise<void> }> {
  const raw = await openRaw(file, sqlite3.OPEN_READONLY);
  const sql = wrap(raw);
  await sql.exec(
    `PRAGMA busy_timeout = 10000; PRAGMA query_only = ON; PRAGMA cache_size = -${CACHE_KIB};`,
  );
  return {
    ...sql,
    close: async () => {
      await sql.finalize();
      await new Promise<void>((resolve, reject) =>
        raw.close((err) => (err ? reject(err) : resolve())),
      );
    },
  };
}
