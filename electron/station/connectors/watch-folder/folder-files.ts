import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** Where imported and refused files go when the folder moves them. */
export const DONE_DIR = 'done';
export const FAILED_DIR = 'failed';

// Names export tools and browsers give files still being written, and editors' lock files.
const PARTIAL = /(?:^\.|^~\$|\.(?:tmp|part|partial|crdownload|download|lock)$)/i;

/** A file of the folder as one scan saw it. */
export type SeenFile = { name: string; size: number; mtimeMs: number };

/** The regular files directly in a folder, without partial downloads and hidden files. */
export async function filesIn(folder: string): Promise<SeenFile[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  const files: SeenFile[] = [];
  for (const e of entries) {
    if (!e.isFile() || PARTIAL.test(e.name)) continue;
    try {
      const s = await stat(path.join(folder, e.name));
      files.push({ name: e.name, size: s.size, mtimeMs: s.mtimeMs });
    } catch {
      // Gone between readdir and stat (moved away by its writer): the next scan tells.
    }
  }
  return files;
}

/**
 * Tells when files have stopped changing: a file is settled once its size and modification time
 * have stayed the same for `settleMs` (an export tool may still be writing it; the same rule as
 * chokidar's awaitWriteFinish, kept across scans).
 */
export class SettleTracker {
  private readonly last = new Map<string, { size: number; mtimeMs: number; since: number }>();

  constructor(private readonly settleMs: number) {}

  /** The files of this scan that have settled. */
  settled(files: readonly SeenFile[], now: number): SeenFile[] {
    const names = new Set(files.map((f) => f.name));
    for (const name of this.last.keys()) if (!names.has(name)) this.last.delete(name);
    return files.filter((f) => {
      const prev = this.last.get(f.name);
      if (!prev || prev.size !== f.size || prev.mtimeMs !== f.mtimeMs) {
        this.last.set(f.name, { size: f.size, mtimeMs: f.mtimeMs, since: now });
        return false;
      }
      return now - prev.since >= this.settleMs;
    });
  }

  /** Forgets a file (moved away, or handled). */
  forget(name: string): void {
    this.last.delete(name);
  }
}

/** SHA-256 of a file's bytes, hex. */
export function hashOfFile(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(file)
      .on('data', (c) => h.update(c))
      .on('end', () => resolve(h.digest('hex')))
      .on('error', reject);
  });
}

/**
 * Moves a file into a subfolder (done/ or failed/), under a new name if one of that name is
 * already there; writes `note` beside it as <name>.errors.txt when given. Returns the new path.
 */
export function moveInto(folder: string, sub: string, name: string, note?: string): string {
  const dir = path.join(folder, sub);
  mkdirSync(dir, { recursive: true });
  let target = path.join(dir, name);
  if (existsSync(target)) {
    const ext = path.extname(name);
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    target = path.join(dir, `${path.basename(name, ext)}.${stamp}${ext}`);
  }
  renameSync(path.join(folder, name), target);
  if (note !== undefined) writeFileSync(`${target}.errors.txt`, note);
  return target;
}
