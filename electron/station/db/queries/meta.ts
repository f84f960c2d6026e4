import type { Sql } from '../connection';

/** Reads a local (never replicated) setting. */
export async function getMeta(sql: Sql, key: string): Promise<string | undefined> {
  return (await sql.get<{ value: string }>('SELECT value FROM local_meta WHERE key = ?', [key]))
    ?.value;
}

/** Writes a local (never replicated) setting. */
export async function setMeta(sql: Sql, key: string, value: string): Promise<void> {
  await sql.run(
    'INSERT INTO local_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    [key, value],
  );
}
