import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { BackupManifestSchema, MANIFEST_NAME, type BackupManifest } from './backup-manifest';
import { BackupRefused } from './backup-refused';

/** Reads and checks the manifest of an unpacked backup. */
export function readManifest(staging: string, file: string): BackupManifest {
  const at = path.join(staging, MANIFEST_NAME);
  if (!existsSync(at))
    throw new BackupRefused(`${file} is not a Holdline backup (no ${MANIFEST_NAME})`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(at, 'utf8'));
  } catch {
    throw new BackupRefused(`${file}: ${MANIFEST_NAME} is not JSON`);
  }
  const parsed = BackupManifestSchema.safeParse(raw);
  if (!parsed.success)
    throw new BackupRefused(
      `${file}: ${MANIFEST_NAME} is not a manifest this build reads (${parsed.error.issues
        .map((i) => `${i.path.join('.') || 'manifest'}: ${i.message}`)
        .join('; ')})`,
    );
  return parsed.data;
}
