import { createWriteStream, existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import { dataPaths } from '../core/data-dir';
import { openReadDb } from '../db/connection';
import { loadStationKey } from '../ops/station-key';
import { ExportTargetError } from '../review/export/export-model';
import {
  EXPORT_FORMATS,
  ExportOptionsSchema,
  ExportTargetSchema,
  issueLine,
  type ExportFormat,
} from '../review/export/export-request';
import { prepareExport, type PreparedExport } from '../review/export/export-review';
import { parse, required, UsageError } from './args';

/** Where `--format csv --out FILE` puts the action items: FILE-actions.csv beside it. */
export function actionsFileOf(file: string): string {
  return file.toLowerCase().endsWith('.csv')
    ? `${file.slice(0, -4)}-actions.csv`
    : `${file}-actions.csv`;
}

/** Writes one prepared export to FILE.part, renamed to FILE once whole. */
async function writeFile(ready: PreparedExport, file: string): Promise<Record<string, number>> {
  const part = `${file}.part`;
  const out = createWriteStream(part, { flush: true });
  const done = finished(out);
  done.catch(() => undefined); // awaited below; this keeps an early stream error from going unhandled
  try {
    const summary = await ready.writeTo(out);
    out.end();
    await done;
    renameSync(part, file);
    return summary;
  } catch (err) {
    out.destroy();
    await done.catch(() => undefined);
    rmSync(part, { force: true });
    throw err;
  }
}

/**
 * holdline report: exports a post-incident review from a data folder, read-only and without the
 * station's lock (it may be running), as HTML, PDF, Markdown, CSV (mentions, and the action items
 * beside) or the window's ledger slice.
 */
export async function reportCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, {
    data: { type: 'string' },
    review: { type: 'string' },
    run: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
    redact: { type: 'boolean' },
    tz: { type: 'string' },
    'target-minutes': { type: 'string' },
  });
  const dataDir = required(values.data, '--data');
  const format = required(values.format, '--format');
  const file = required(values.out, '--out');
  if (!(EXPORT_FORMATS as readonly string[]).includes(format) || format === 'actions-csv')
    throw new UsageError(`unknown --format ${format} (html, pdf, md, csv or ledger)`);
  const target = ExportTargetSchema.safeParse({
    reviewId: values.review,
    runId: values.run,
    from: values.from,
    to: values.to,
  });
  if (!target.success) {
    const flags: Record<string, string> = { reviewId: '--review', runId: '--run' };
    const issue = target.error.issues[0];
    const flag =
      issue?.path[0] === undefined
        ? ''
        : `${flags[String(issue.path[0])] ?? `--${String(issue.path[0])}`}: `;
    const hint = /date|time/i.test(issue?.message ?? '')
      ? ' (ISO 8601 with an offset, e.g. 2015-02-22T10:00:00-08:00)'
      : '';
    throw new UsageError(`${flag}${issue?.message ?? 'bad review'}${hint}`);
  }
  const minutes = values['target-minutes'];
  const options = ExportOptionsSchema.safeParse({
    redact: values.redact ?? false,
    timeZone: values.tz,
    ...(minutes !== undefined && { targetMinutes: Number(minutes) }),
  });
  if (!options.success)
    throw new UsageError(
      issueLine(options.error)
        .replace(/^timeZone/, '--tz')
        .replace(/^targetMinutes/, '--target-minutes'),
    );

  const paths = dataPaths(dataDir);
  if (!existsSync(paths.db) || !existsSync(paths.key))
    throw new UsageError(`no station data in ${dataDir} (run holdline init first)`);
  const key = loadStationKey(readFileSync(paths.key, 'utf8'));
  const db = await openReadDb(paths.db);
  const started = Date.now();
  try {
    const request = { target: target.data, options: options.data };
    const prepare = (f: ExportFormat) => prepareExport(db, { ...request, format: f }, { key });
    const summary: Record<string, unknown> = {
      out: file,
      format,
      redacted: options.data.redact,
      ...(await writeFile(await prepare(format as ExportFormat), file)),
    };
    if (format === 'csv') {
      const actions = actionsFileOf(file);
      Object.assign(summary, {
        actionsOut: actions,
        ...(await writeFile(await prepare('actions-csv'), actions)),
      });
    }
    summary.ms = Date.now() - started;
    process.stdout.write(JSON.stringify(summary) + '\n');
    return 0;
  } catch (err) {
    if (err instanceof ExportTargetError) {
      process.stderr.write(`holdline report: ${err.message}\n`);
      return 1;
    }
    throw err;
  } finally {
    await db.close();
  }
}
