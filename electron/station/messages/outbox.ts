import { createHmac } from 'node:crypto';
import type { StationCore } from '../core/core';
import { getMeta, setMeta } from '../db/queries/meta';
import type { SendPayload } from '../../../shared/messaging/message-state';
import { hlcToIso } from '../../../shared/sync/hlc';
import type { Applied } from '../ops/apply';
import { effectOf } from '../db/queries/effects';

/** Where sends marked "webhook" are POSTed, and the secret that signs them (local settings). */
export type WebhookSettings = { url: string; secret: string | null };

const URL_KEY = 'webhook.url';
const SECRET_KEY = 'webhook.secret';

/** The station's outbound webhook, if one is set. */
export async function webhookSettings(core: StationCore): Promise<WebhookSettings | null> {
  const url = await getMeta(core.read, URL_KEY);
  if (!url) return null;
  return { url, secret: (await getMeta(core.read, SECRET_KEY)) ?? null };
}

/** Sets (or, with url '', clears) the outbound webhook. */
export async function setWebhook(core: StationCore, s: WebhookSettings): Promise<void> {
  await core.db.transaction(async (tx) => {
    await setMeta(tx, URL_KEY, s.url);
    await setMeta(tx, SECRET_KEY, s.secret ?? '');
  });
}

/** What the webhook receives for one send. */
export type WebhookBody = {
  /** The send op's id: the same on every retry, so a receiver can drop repeats. */
  id: string;
  messageId: string;
  sentBy: string;
  sentAt: string;
} & SendPayload;

/**
 * Queues a send for the webhook, once: the outbox is keyed by the send op, so queueing it again
 * (a retried command, a restart) never makes a second delivery.
 */
export async function enqueueWebhook(
  core: StationCore,
  body: WebhookBody | { id: string; kind: string },
  now = Date.now(),
): Promise<boolean> {
  const hook = await webhookSettings(core);
  if (!hook) return false;
  await core.db.transaction((tx) =>
    tx.run(
      `INSERT INTO outbox (op_id, url, body, next_at) VALUES (?, ?, ?, ?) ON CONFLICT (op_id) DO NOTHING`,
      [body.id, hook.url, JSON.stringify(body), now],
    ),
  );
  return true;
}

/** Delivery timing: first retry after `baseMs`, doubling up to `maxMs`. */
export type OutboxOptions = {
  baseMs?: number;
  maxMs?: number;
  timeoutMs?: number;
  pollMs?: number;
};

type Row = { op_id: string; url: string; body: string; attempts: number };

/**
 * Delivers queued sends: an HTTP POST per send with an Idempotency-Key (the send op id) and, when
 * a secret is set, an HMAC-SHA256 signature of the body; a 2xx marks it delivered and it is never
 * posted again; anything else is retried with backoff, across restarts (the queue is in SQLite).
 * Only the station that recorded the send delivers it (DECISIONS.md 2).
 */
export function startOutbox(
  core: StationCore,
  opts: OutboxOptions = {},
): { stop(): Promise<void>; kick(): void } {
  const baseMs = opts.baseMs ?? 1_000;
  const maxMs = opts.maxMs ?? 5 * 60_000;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | null = null;

  const attempt = async (row: Row): Promise<void> => {
    const secret = (await webhookSettings(core))?.secret ?? null;
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'idempotency-key': row.op_id,
      'user-agent': 'Holdline',
    };
    if (secret)
      headers['x-holdline-signature'] =
        `sha256=${createHmac('sha256', secret).update(row.body).digest('hex')}`;
    let error: string | null = null;
    try {
      const res = await fetch(row.url, {
        method: 'POST',
        headers,
        body: row.body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      await res.body?.cancel();
      if (!res.ok) error = `HTTP ${res.status}`;
    } catch (err) {
      error = (err as Error).message;
    }
    const now = Date.now();
    await core.db.transaction((tx) =>
      error === null
        ? tx.run(
            'UPDATE outbox SET delivered_at = ?, attempts = attempts + 1, last_error = NULL WHERE op_id = ?',
            [now, row.op_id],
          )
        : tx.run(
            'UPDATE outbox SET attempts = attempts + 1, next_at = ?, last_error = ? WHERE op_id = ?',
            [now + Math.min(maxMs, baseMs * 2 ** row.attempts), error.slice(0, 500), row.op_id],
          ),
    );
  };

  const step = async (): Promise<void> => {
    if (stopped) return;
    const due = await core.read.all<Row>(
      `SELECT op_id, url, body, attempts FROM outbox WHERE delivered_at IS NULL AND next_at <= ? ORDER BY next_at LIMIT 20`,
      [Date.now()],
    );
    for (const row of due) if (!stopped) await attempt(row);
    const next = await core.read.get<{ at: number | null }>(
      'SELECT min(next_at) AS at FROM outbox WHERE delivered_at IS NULL',
    );
    if (!stopped && next?.at != null) schedule(Math.max(0, next.at - Date.now()));
  };

  const schedule = (ms: number) => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(kick, Math.min(ms, opts.pollMs ?? 60_000));
  };
  const kick = () => {
    running = running.then(step).catch((err: unknown) => console.error('[outbox]', err));
  };
  // This station's own sends that went through and asked for the webhook are queued as they commit.
  const onApplied = (a: Applied) => {
    const sends = a.ops.filter(
      (op) =>
        op.origin === core.stationId &&
        op.type === 'message.send' &&
        (op.payload as SendPayload).via.includes('webhook'),
    );
    if (sends.length > 0)
      running = running
        .then(async () => {
          for (const op of sends) {
            if ((await effectOf(core.db, op.id))?.effect !== 'applied') continue;
            await enqueueWebhook(core, {
              id: op.id,
              messageId: op.subject ?? '',
              sentBy: op.actor,
              sentAt: hlcToIso(op.hlc),
              ...(op.payload as SendPayload),
            });
          }
        })
        .then(step)
        .catch((err: unknown) => console.error('[outbox]', err));
  };
  core.on('applied', onApplied);
  kick();
  return {
    stop: async () => {
      stopped = true;
      core.off('applied', onApplied);
      if (timer) clearTimeout(timer);
      await running;
    },
    kick,
  };
}
