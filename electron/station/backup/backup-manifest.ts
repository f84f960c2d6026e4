import { z } from 'zod';

/** The manifest's name: the first entry of every backup archive. */
export const MANIFEST_NAME = 'holdline-backup.json';
/** The database's name inside an archive (as in a data folder). */
export const DB_ENTRY = 'holdline.db';

// A path inside the archive: relative, forward slashes, no '..' or empty parts.
const EntryPath = z
  .string()
  .min(1)
  .max(500)
  .refine(
    (p) =>
      !p.startsWith('/') &&
      !p.includes('\\') &&
      p.split('/').every((part) => part !== '' && part !== '.' && part !== '..'),
    'not a plain relative path',
  );

/** One file of the data folder as the archive holds it. */
export const BackupFileSchema = z.object({
  path: EntryPath,
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** Permission bits (station.key and tls.key are 0600). */
  mode: z.number().int().min(0).max(0o777),
});
/** One file of a backup. */
export type BackupFile = z.infer<typeof BackupFileSchema>;

/** Why a backup was taken. */
export const BackupReasonSchema = z.enum(['manual', 'scheduled', 'pre-migration', 'archive']);
/** Why a backup was taken. */
export type BackupReason = z.infer<typeof BackupReasonSchema>;

/** The manifest: what the archive holds and the station's state when it was taken. */
export const BackupManifestSchema = z
  .object({
    format: z.literal('holdline-backup'),
    version: z.literal(1),
    takenAt: z.iso.datetime(),
    reason: BackupReasonSchema,
    stationId: z.string().min(1),
    warRoomId: z.string().nullable(),
    warRoom: z.string().nullable(),
    /** The database's schema version (PRAGMA user_version). */
    schema: z.number().int().nonnegative(),
    ops: z.number().int().nonnegative(),
    /** State digest (DECISIONS.md 4) of the copy; null for a schema older than this build's. */
    digest: z.string().nullable(),
    files: z.array(BackupFileSchema).min(1),
  })
  .refine((m) => m.files.some((f) => f.path === DB_ENTRY), `the backup holds no ${DB_ENTRY}`)
  .refine(
    (m) => new Set(m.files.map((f) => f.path)).size === m.files.length,
    'a file is listed twice',
  );
/** A backup's manifest. */
export type BackupManifest = z.infer<typeof BackupManifestSchema>;
