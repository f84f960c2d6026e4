import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { can } from '../../../shared/domain/permissions';
import type { StationCore } from '../core/core';
import { dataPaths } from '../core/data-dir';
import { openReadDb } from '../db/connection';
import { ExportTargetError } from '../review/export/export-model';
import {
  EXPORT_FORMATS,
  ExportOptionsSchema,
  ExportTargetSchema,
  issueLine,
} from '../review/export/export-request';
import { prepareExport } from '../review/export/export-review';
import { NoPdfPrinterError } from '../review/export/report-pdf';
import { OutputClosedError } from '../review/export/write-chunk';
import { requireOperator } from './api-routes';
import { sendError, sendJson } from './respond';

/** The query of GET /api/reviews/export, as the desk links to it. */
const ExportQuerySchema = z
  .object({
    format: z.enum(EXPORT_FORMATS),
    redact: z.enum(['0', '1']).default('0'),
    reviewId: z.string().optional(),
    runId: z.string().optional(),
    from: z.string().optional(),
    to: z.string().optional(),
    tz: z.string().optional(),
    targetMinutes: z
      .string()
      .regex(/^\d{1,5}$/, 'whole minutes')
      .optional(),
  })
  .strict();

/** A Content-Disposition for a download: the name in ASCII, and exactly in UTF-8 (RFC 6266). */
function attachment(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/**
 * GET /api/reviews/export?format=html|md|csv|actions-csv|pdf|ledger&redact=0|1 and one of
 * reviewId=, runId= or from=&to= (ISO 8601), optionally tz= and targetMinutes=: a review exported
 * as a download, for anyone logged in who may read the queue. Streams the CSV and ledger formats;
 * a download cut short ends without its last chunk, so a browser shows it failed.
 */
export async function reviewExportRoute(
  core: StationCore,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const operator = await requireOperator(core, req, res);
  if (!operator) return;
  if (!can(operator.role, 'mention.read'))
    return sendError(res, 'forbidden', `a ${operator.role} may not read reviews`);
  const url = new URL(req.url ?? '/', 'http://station');
  const query = ExportQuerySchema.safeParse(Object.fromEntries(url.searchParams));
  if (!query.success)
    return sendError(res, 'invalid', `bad export parameters: ${issueLine(query.error)}`);
  const q = query.data;
  const target = ExportTargetSchema.safeParse({
    reviewId: q.reviewId,
    runId: q.runId,
    from: q.from,
    to: q.to,
  });
  if (!target.success)
    return sendError(res, 'invalid', `bad export parameters: ${issueLine(target.error)}`);
  const options = ExportOptionsSchema.safeParse({
    redact: q.redact === '1',
    timeZone: q.tz,
    ...(q.targetMinutes !== undefined && { targetMinutes: Number(q.targetMinutes) }),
  });
  if (!options.success)
    return sendError(res, 'invalid', `bad export parameters: ${issueLine(options.error)}`);

  // A connection of its own: the ledger slice reads one snapshot while the station writes.
  const read = await openReadDb(dataPaths(core.dataDir).db);
  try {
    const ready = await prepareExport(
      read,
      { target: target.data, format: q.format, options: options.data },
      { key: core.key },
    );
    res.writeHead(200, {
      'content-type': ready.type,
      'content-disposition': attachment(ready.filename),
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      // Opened in a browser tab, an exported page still loads and runs nothing.
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
    });
    await ready.writeTo(res);
    res.end();
  } catch (err) {
    if (err instanceof OutputClosedError) return;
    if (res.headersSent) return void res.destroy();
    if (err instanceof ExportTargetError) return sendError(res, 'not-found', err.message);
    if (err instanceof NoPdfPrinterError)
      return sendJson(res, 503, { ok: false, code: 'internal', message: err.message });
    throw err;
  } finally {
    await read.close();
  }
}
