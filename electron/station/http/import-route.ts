import type { IncomingMessage, ServerResponse } from 'node:http';
import { ImportRequestSchema } from '../../../shared/contract/imports';
import { can } from '../../../shared/domain/permissions';
import type { StationCore } from '../core/core';
import { importMentions } from '../ingest/import-job';
import { readingOf } from '../connectors/preset';
import { requireOperator } from './api-routes';
import { sendError } from './respond';

/**
 * POST /api/import: the file is the request body, streamed straight into the import; progress
 * comes back as NDJSON lines while it runs (DECISIONS.md 15: bulk imports are HTTP, not socket.io).
 */
export async function importRoute(
  core: StationCore,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const operator = await requireOperator(core, req, res);
  if (!operator) return;
  if (!can(operator.role, 'mention.import'))
    return sendError(res, 'forbidden', `a ${operator.role} may not import`);
  const url = new URL(req.url ?? '/', 'http://station');
  const parsed = ImportRequestSchema.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success)
    return sendError(res, 'invalid', 'bad import parameters (preset, format, filename)');
  const { preset: presetName, format: asked, filename } = parsed.data;
  const reading = await readingOf({ preset: presetName, format: asked, filename });
  if ('error' in reading) return sendError(res, 'invalid', reading.error);
  const { preset, format } = reading;
  const length = Number(req.headers['content-length']);
  res.writeHead(200, {
    'content-type': 'application/x-ndjson; charset=utf-8',
    'cache-control': 'no-store',
  });
  const line = (obj: unknown) => res.write(JSON.stringify(obj) + '\n');
  try {
    await importMentions(core, req, {
      format,
      ...(preset && { preset }),
      actor: operator.id,
      connector: format,
      bytesTotal: Number.isFinite(length) && length > 0 ? length : null,
      onProgress: line,
    });
  } catch (err) {
    line({ phase: 'failed', message: (err as Error).message });
  }
  res.end();
}
