import { createReadStream, existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { ImportRowError } from '../../../../shared/contract/imports';
import { importMentions } from '../../ingest/import-job';
import { SYSTEM_ACTOR } from '../../ops/op';
import type { ConnectorContext, ConnectorKind } from '../connector-kind';
import { messageOf } from '../connector-health';
import { readingOf } from '../preset';
import { InputFormatError } from '../read-mentions';
import {
  DONE_DIR,
  FAILED_DIR,
  SettleTracker,
  filesIn,
  hashOfFile,
  moveInto,
  type SeenFile,
} from './folder-files';

/** A watch folder's settings (connectors.yaml, or the admin form). */
export const WatchFolderSettings = z.object({
  folder: z
    .string()
    .trim()
    .min(1)
    .max(4096)
    .describe('Folder to watch: a full path, or a path inside the station data folder'),
  preset: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,63}$/)
    .optional()
    .describe('Import preset for its files (else the generic CSV or JSONL one, by extension)'),
  afterImport: z
    .enum(['move', 'keep'])
    .default('move')
    .describe('move: imported files go to done/, refused ones to failed/; keep: left in place'),
  settleMs: z
    .number()
    .int()
    .min(100)
    .max(600_000)
    .default(2_000)
    .describe('How long a file must stay unchanged before it is read (it may still be written)'),
  scanMs: z
    .number()
    .int()
    .min(100)
    .max(3_600_000)
    .default(1_000)
    .describe('How often the folder is looked at'),
});
type Settings = z.output<typeof WatchFolderSettings>;

// Files remembered as imported: keys are "<sha256>:<name>".
const KEEP_SEEN = 100_000;
const ROW_ERRORS_NOTED = 200;

/** The errors note written beside a file with rows that could not be read. */
function rowErrorsNote(name: string, errors: ImportRowError[], total: number) {
  const lines = errors.slice(0, ROW_ERRORS_NOTED).map((e) => `line ${e.line}: ${e.reason}`);
  const more = total > lines.length ? [`… and ${total - lines.length} more`] : [];
  return [`${name}: ${total} rows could not be read`, ...lines, ...more].join('\n') + '\n';
}

/**
 * A folder that export files are dropped into (from listening tools): each settled CSV or JSONL
 * file is imported once through the file import path, with the folder's preset, then moved into
 * done/ (or failed/, with a <name>.errors.txt saying why) — as Logstash's file input and most
 * "hot folder" importers do, so the folder shows at a glance what is waiting. Files are
 * remembered by content hash and name, so a restart, a re-touch or a copy put back is not
 * imported twice; with `afterImport: keep` that memory alone keeps them from coming in again.
 * Polled rather than watched through file events: it works the same on network shares, and the
 * scan after a restart is the same code as every other.
 */
async function startWatchFolder(ctx: ConnectorContext<Settings>) {
  const s = ctx.config;
  const folder = path.resolve(ctx.dataDir, s.folder);
  const settle = new SettleTracker(s.settleMs);
  // Files handled this run, by name, with the size and time they had then (kept files only).
  const handled = new Map<string, string>();
  const stamp = (f: SeenFile) => `${f.size}:${f.mtimeMs}`;

  const importFile = async (f: SeenFile) => {
    const file = path.join(folder, f.name);
    const key = `${await hashOfFile(file)}:${f.name}`;
    const done = (sub: string, note?: string) => {
      settle.forget(f.name);
      if (s.afterImport === 'move') moveInto(folder, sub, f.name, note);
      else {
        handled.set(f.name, stamp(f));
        if (note !== undefined) writeFileSync(`${file}.errors.txt`, note);
      }
    };
    if ((await ctx.seen.among([key])).has(key)) return done(DONE_DIR);
    const reading = await readingOf({ preset: s.preset, filename: f.name });
    if ('error' in reading) {
      ctx.health.problem(`${f.name}: ${reading.error}`);
      await ctx.seen.add([key]);
      return done(FAILED_DIR, `${f.name}: ${reading.error}\n`);
    }
    try {
      const summary = await importMentions(ctx.core, createReadStream(file), {
        format: reading.format,
        ...(reading.preset && { preset: reading.preset }),
        actor: SYSTEM_ACTOR,
        connector: 'watch-folder',
        connectorId: ctx.id,
        bytesTotal: f.size,
      });
      await ctx.seen.add([key]);
      ctx.health.counted(summary.imported + summary.duplicates);
      ctx.log(
        `${f.name}: ${summary.imported} new, ${summary.duplicates} duplicates, ${summary.errors} bad rows`,
      );
      if (summary.errors > 0) {
        ctx.health.problem(`${f.name}: ${summary.errors} rows could not be read`);
        return done(DONE_DIR, rowErrorsNote(f.name, summary.rowErrors, summary.errors));
      }
      done(DONE_DIR);
    } catch (err) {
      if (!(err instanceof InputFormatError)) throw err;
      ctx.health.problem(`${f.name}: ${err.message}`);
      await ctx.seen.add([key]);
      done(FAILED_DIR, `${f.name}: ${err.message}\n`);
    }
  };

  const scan = async () => {
    if (!existsSync(folder)) throw new Error(`the folder ${folder} does not exist`);
    const files = (await filesIn(folder)).filter(
      (f) => !f.name.endsWith('.errors.txt') && handled.get(f.name) !== stamp(f),
    );
    const ready = settle.settled(files, Date.now());
    for (const f of ready) {
      if (ctx.signal.aborted) return;
      try {
        await importFile(f);
      } catch (err) {
        // One file's trouble (unreadable, moved away meanwhile) is reported; the others go on.
        ctx.health.problem(`${f.name}: ${messageOf(err)}`);
      }
    }
    if (ready.length > 0) await ctx.seen.prune(KEEP_SEEN);
  };
  ctx.poll(scan, s.scanMs);
  return { stop: async () => undefined };
}

/** A watch folder: export files dropped into it are imported once. */
export const watchFolderKind: ConnectorKind<typeof WatchFolderSettings> = {
  kind: 'watch-folder',
  title: 'Watch folder',
  settings: WatchFolderSettings,
  secrets: [],
  start: startWatchFolder,
};
