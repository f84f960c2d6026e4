import type { Writable } from 'node:stream';
import type { Sql } from '../../db/connection';
import type { StationKey } from '../../ops/station-key';
import { exportLedgerSlice } from './ledger-slice';
import { loadReviewExport, scopeOf, type ReviewExport } from './export-model';
import {
  FORMAT_FILES,
  type ExportFormat,
  type ExportOptions,
  type ExportTarget,
} from './export-request';
import { redactExport, redactorFor } from './redact-export';
import { actionsCsv, writeMentionsCsv } from './report-csv';
import { chartSvgs } from './report-charts';
import { reviewHtml } from './report-html';
import { reviewMarkdown } from './report-markdown';
import { printPdf } from './report-pdf';
import { nameIn } from './report-format';
import { writeChunk } from './write-chunk';

/** An export made ready: its file name and media type, and how to write it. */
export type PreparedExport = {
  filename: string;
  type: string;
  /** Writes the export to `out` (not ended); returns figures for a summary. */
  writeTo(out: Writable): Promise<Record<string, number>>;
};

/** The file name an export suggests: holdline-review-<title>-<first day>[-redacted][-actions].<ext>. */
export function exportFilename(
  title: string,
  from: number,
  format: ExportFormat,
  redacted: boolean,
): string {
  const slug = title
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  const day = new Date(from).toISOString().slice(0, 10);
  const parts = [
    'holdline-review',
    slug || 'window',
    day,
    redacted && 'redacted',
    format === 'actions-csv' && 'actions',
    format === 'ledger' && 'ledger',
  ];
  return `${parts.filter(Boolean).join('-')}.${FORMAT_FILES[format].ext}`;
}

/** The review model, redacted when asked. */
async function modelOf(
  sql: Sql,
  target: ExportTarget,
  options: ExportOptions,
  now: number,
): Promise<ReviewExport> {
  const model = await loadReviewExport(sql, target, { ...options, now });
  if (!options.redact) return model;
  return redactExport(model, await redactorFor(sql, model.report.scope));
}

/**
 * Prepares an export of a review: finds its scope and retrospective first (so an unknown review
 * or run is an error before anything is written), then renders the format asked for. `sql` is a
 * read connection the caller owns alone (the ledger slice reads one snapshot through it); `key`
 * signs a ledger slice.
 */
export async function prepareExport(
  sql: Sql,
  request: { target: ExportTarget; format: ExportFormat; options: ExportOptions },
  deps: { key: StationKey; now?: number },
): Promise<PreparedExport> {
  const { target, format, options } = request;
  const now = deps.now ?? Date.now();
  const { scope, retro } = await scopeOf(sql, target, now);
  const type = FORMAT_FILES[format].type;
  const title = retro?.title ?? (target.runId ? `run ${target.runId}` : 'window');
  const filename = exportFilename(
    options.redact ? 'review' : title,
    scope.from,
    format,
    options.redact,
  );
  const ready = (writeTo: PreparedExport['writeTo']): PreparedExport => ({
    filename,
    type,
    writeTo,
  });
  switch (format) {
    case 'ledger':
      return ready(async (out) => {
        const header = await exportLedgerSlice(sql, out, {
          key: deps.key,
          window: scope,
          redact: options.redact,
        });
        return {
          ops: header.counts.ops,
          withPayload: header.counts.withPayload,
          chains: header.origins.length,
        };
      });
    case 'csv': {
      const redactor = options.redact ? await redactorFor(sql, scope) : null;
      return ready(async (out) => ({
        mentions: await writeMentionsCsv(sql, scope, out, redactor),
      }));
    }
    case 'actions-csv': {
      const model = await modelOf(sql, target, options, now);
      return ready(async (out) => {
        await writeChunk(out, actionsCsv(model.retro, nameIn(model)));
        return { actions: model.retro?.actions.length ?? 0 };
      });
    }
    case 'html':
    case 'md':
    case 'pdf': {
      const model = await modelOf(sql, target, options, now);
      const text =
        format === 'md'
          ? reviewMarkdown(model)
          : reviewHtml(model, await chartSvgs(model.report, model.timeZone));
      const data = format === 'pdf' ? await printPdf(text) : text;
      const summary = {
        bytes: Buffer.byteLength(data),
        events: model.report.timeline.length,
        sends: model.sends.length,
        mentions: model.report.response.mentions,
      };
      return ready(async (out) => {
        await writeChunk(out, data);
        return summary;
      });
    }
  }
}
