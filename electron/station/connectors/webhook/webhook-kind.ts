import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { ConnectorContext, ConnectorKind } from '../connector-kind';
import { loadPreset } from '../preset';
import { TokenBucket } from './token-bucket';
import {
  SIGNATURE_HEADER,
  mentionsOf,
  presentedToken,
  recordsOf,
  sameSecret,
  signatureMatches,
} from './webhook-request';

/** A webhook source's settings (connectors.yaml, or the admin form). */
export const WebhookSettings = z.object({
  preset: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,63}$/)
    .default('generic-jsonl')
    .describe('Import preset mapping each JSON record to a mention (as in file import)'),
  token: z
    .string()
    .min(16, 'at least 16 characters')
    .max(256)
    .describe('Secret the sender presents: Authorization: Bearer <token>, or X-Holdline-Token'),
  signingSecret: z
    .string()
    .min(16, 'at least 16 characters')
    .max(256)
    .optional()
    .describe('If set, every request needs X-Holdline-Signature: sha256=<HMAC-SHA256 of the body>'),
  perMinute: z
    .number()
    .int()
    .min(1)
    .max(600_000)
    .default(600)
    .describe('Requests a minute this source may send, on average'),
  burst: z
    .number()
    .int()
    .min(1)
    .max(100_000)
    .default(60)
    .describe('Requests this source may send at once'),
  maxBodyKb: z
    .number()
    .int()
    .min(1)
    .max(16_384)
    .default(1024)
    .describe('Largest request body, in KB'),
});
type Settings = z.output<typeof WebhookSettings>;

// A body sent on past its limit is read and dropped up to this many times the limit, then the
// connection is cut: a sender gets its 413, a flood does not get to use the station's memory.
const DRAIN_FACTOR = 16;

/** Answers with JSON and extra headers. */
function answer(
  res: ServerResponse,
  status: number,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(JSON.stringify(body));
}

/** The body, or 'too-large' once it passes `limit` bytes (the rest is then drained or cut). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    const chunks: Buffer[] = [];
    let size = 0;
    let over = Number.isFinite(declared) && declared > limit;
    const drain = () => {
      req.removeAllListeners('data');
      let dropped = 0;
      req.on('data', (c: Buffer) => {
        dropped += c.length;
        if (dropped > limit * DRAIN_FACTOR) req.socket.destroy();
      });
      resolve('too-large');
    };
    if (over) return drain();
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit && !over) {
        over = true;
        return drain();
      }
      chunks.push(c);
    });
    req.once('end', () => {
      if (!over) resolve(Buffer.concat(chunks));
    });
    req.once('error', reject);
  });
}

/** One webhook source: checks, limits, maps and takes in what is posted to /ingest/<id>. */
async function startWebhook(ctx: ConnectorContext<Settings>) {
  const s = ctx.config;
  const preset = await loadPreset(s.preset);
  const bucket = new TokenBucket(s.burst, s.perMinute / 60);
  const limit = s.maxBodyKb * 1024;
  const refuse = (
    res: ServerResponse,
    status: number,
    code: string,
    message: string,
    extra = {},
  ) => {
    ctx.health.problem(`refused a request (${status}): ${message}`);
    answer(res, status, { ok: false, code, message, ...extra });
  };
  return {
    stop: async () => undefined,
    receive: async (req: IncomingMessage, res: ServerResponse) => {
      const token = presentedToken(req.headers);
      if (token === null || !sameSecret(token, s.token))
        return refuse(
          res,
          401,
          'unauthenticated',
          token === null
            ? 'give the source token (Authorization: Bearer <token> or X-Holdline-Token)'
            : 'wrong token for this source',
        );
      const wait = bucket.take();
      if (wait > 0) {
        ctx.health.problem(`refused a request (429): over ${s.perMinute} a minute`);
        return answer(
          res,
          429,
          {
            ok: false,
            code: 'rate-limited',
            message: `over this source's limit (${s.perMinute} a minute, bursts of ${s.burst}); retry in ${wait} s`,
          },
          { 'retry-after': String(wait) },
        );
      }
      const body = await readBody(req, limit);
      if (body === 'too-large') {
        // The rest of the body may still be on its way: this connection is not reused.
        res.setHeader('connection', 'close');
        return refuse(res, 413, 'too-large', `the body is over ${s.maxBodyKb} KB`);
      }
      if (
        s.signingSecret !== undefined &&
        !signatureMatches(req.headers[SIGNATURE_HEADER], s.signingSecret, body)
      )
        return refuse(
          res,
          403,
          'forbidden',
          req.headers[SIGNATURE_HEADER] === undefined
            ? 'this source signs its requests: X-Holdline-Signature is missing'
            : 'the signature does not match the body',
        );
      let json: unknown;
      try {
        json = JSON.parse(body.toString('utf8'));
      } catch (err) {
        return refuse(res, 400, 'invalid', `the body is not valid JSON: ${(err as Error).message}`);
      }
      const records = recordsOf(json);
      if (!Array.isArray(records)) return refuse(res, 400, 'invalid', records.error);
      const mapped = mentionsOf(preset, records);
      if ('errors' in mapped) {
        const first = mapped.errors[0] as { item: number; error: string };
        return refuse(
          res,
          400,
          'invalid',
          `item ${first.item}: ${first.error}${mapped.errors.length > 1 ? ` (and ${mapped.errors.length - 1} more)` : ''}; nothing was taken in`,
          { errors: mapped.errors.slice(0, 50) },
        );
      }
      const outcome = await ctx.ingest(mapped.inputs);
      ctx.health.succeeded();
      answer(res, 200, { ok: true, items: records.length, ...outcome });
    },
  };
}

/** Webhook ingest: listening tools and automation platforms post mentions to POST /ingest/<id>. */
export const webhookKind: ConnectorKind<typeof WebhookSettings> = {
  kind: 'webhook',
  title: 'Webhook',
  settings: WebhookSettings,
  secrets: ['token', 'signingSecret'],
  push: true,
  start: startWebhook,
};
