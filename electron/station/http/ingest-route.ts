import type { IncomingMessage, ServerResponse } from 'node:http';
import type { StationCore } from '../core/core';
import { connectorsOf } from '../connectors/start-connectors';
import { sendJson } from './respond';

/** Where push connectors (webhooks) take requests: POST /ingest/<connector id>. */
export const INGEST_PREFIX = '/ingest/';

/**
 * POST /ingest/:source: hands the request to that source's push connector (webhook/webhook-kind
 * checks its token, signature, size and rate, and answers). Unknown sources are 404, disabled ones
 * 403, one still starting 503 with Retry-After.
 */
export async function ingestRoute(
  core: StationCore,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const pathname = new URL(req.url ?? '/', 'http://station').pathname;
  const id = decodeURIComponent(pathname.slice(INGEST_PREFIX.length));
  if (req.method !== 'POST') {
    res.setHeader('allow', 'POST');
    return sendJson(res, 405, { ok: false, code: 'invalid', message: 'post mentions here' });
  }
  const receive = connectorsOf(core)?.receiverOf(id) ?? null;
  if (receive === null)
    return sendJson(res, 404, {
      ok: false,
      code: 'not-found',
      message: `no webhook source "${id}" on this station`,
    });
  if (receive === 'disabled')
    return sendJson(res, 403, {
      ok: false,
      code: 'forbidden',
      message: `the source "${id}" is turned off on this station`,
    });
  if (receive === 'not-running') {
    res.setHeader('retry-after', '5');
    return sendJson(res, 503, {
      ok: false,
      code: 'unavailable',
      message: `the source "${id}" is not running (see its health in the connectors settings)`,
    });
  }
  await receive(req, res);
}
