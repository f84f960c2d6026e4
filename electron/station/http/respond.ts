import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorCode } from '../../../shared/contract/common';

const STATUS: Record<ErrorCode, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'too-large': 413,
  internal: 500,
};

/** Sends a JSON answer. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  });
  res.end(text);
}

/** Sends { ok: false, code, message } with the status that fits the code. */
export function sendError(res: ServerResponse, code: ErrorCode, message: string): void {
  sendJson(res, STATUS[code], { ok: false, code, message });
}

/** Thrown while reading a request that is too big or not JSON. */
export class BodyError extends Error {
  constructor(
    readonly code: 'invalid' | 'too-large',
    message: string,
  ) {
    super(message);
  }
}

/** Reads a small JSON body, refusing anything over `limit` bytes. */
export async function readJson(req: IncomingMessage, limit = 64 * 1024): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BodyError('too-large', `request body over ${limit} bytes`);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new BodyError('invalid', 'request body is not valid JSON');
  }
}

/** The bearer token of a request, if any. */
export function bearerToken(req: IncomingMessage): string | null {
  const h = req.headers.authorization;
  return h?.startsWith('Bearer ') ? h.slice(7).trim() : null;
}
