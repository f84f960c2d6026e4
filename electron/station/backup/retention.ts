/** A backup file found in the backup folder, with when it was taken (ms since the epoch). */
export type KeptBackup = { name: string; takenAt: number };

/** How many backups to keep: the last N, and/or those younger than N days. */
export type RetentionPolicy = { keepLast?: number | undefined; keepDays?: number | undefined };

const DAY_MS = 86_400_000;

/**
 * The backups retention removes. A backup stays when it is among the newest `keepLast` or was
 * taken within `keepDays` days of `now` — the union, as restic's --keep-last/--keep-within do,
 * so adding a rule never deletes more. With neither rule every backup stays, and the newest
 * always does (the one just taken must never be the one removed).
 */
export function backupsToRemove(
  backups: readonly KeptBackup[],
  policy: RetentionPolicy,
  now: number,
): string[] {
  if (policy.keepLast === undefined && policy.keepDays === undefined) return [];
  const newestFirst = [...backups].sort(
    (a, b) => b.takenAt - a.takenAt || b.name.localeCompare(a.name),
  );
  return newestFirst
    .filter((b, i) => {
      if (i === 0) return false;
      if (policy.keepLast !== undefined && i < policy.keepLast) return false;
      if (policy.keepDays !== undefined && b.takenAt >= now - policy.keepDays * DAY_MS)
        return false;
      return true;
    })
    .map((b) => b.name);
}
