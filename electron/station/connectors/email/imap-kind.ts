import { mentionById, mentionsByIds } from '../../db/queries/mention-reads';
import { mentionIdOf } from '../../mentions/mention-id';
import type { ConnectorContext, ConnectorKind } from '../connector-kind';
import { backoffDelay, sleep } from '../poll-loop';
import { describeImapError, isAuthFailure } from './imap-errors';
import { runSession } from './imap-session';
import { ImapSettings, type ImapConfig } from './imap-settings';

/** First wait after a dropped or refused connection; doubled each failure in a row, up to the cap. */
const RETRY_BASE_MS = 1_000;
const RETRY_CAP_MS = 60_000;
/** A refused login is retried rarely: repeating a wrong password can lock the mailbox. */
const AUTH_RETRY_MS = 5 * 60_000;

/**
 * The email connector: reads a care mailbox over IMAP (imapflow), each new message a mention on
 * the email channel (mail-mention.ts). It keeps one connection open, takes in what arrived after
 * its cursor (UIDVALIDITY + last UID, stored by the framework), is told of new mail by IDLE and
 * polls as a backstop, and reconnects with back-off when the server drops or refuses it.
 */
export const imapKind: ConnectorKind<typeof ImapSettings> = {
  kind: 'imap',
  title: 'Email (IMAP mailbox)',
  settings: ImapSettings,
  secrets: ['password'],
  start(ctx) {
    const running = keepReading(ctx);
    return Promise.resolve({ stop: () => running });
  },
};

/** Sessions one after another until the connector stops, waiting longer after each failure. */
async function keepReading(ctx: ConnectorContext<ImapConfig>): Promise<void> {
  let failures = 0;
  const firstBatch = { pending: true };
  while (!ctx.signal.aborted) {
    let reachedMail = false;
    try {
      await runSession(ctx.config, {
        cursor: ctx.cursor,
        seen: ctx.seen,
        ingest: (inputs) => ctx.ingest(inputs),
        knownThread: (messageId) => threadOfMention(ctx, messageId),
        inRoom: async (ids) => {
          const held = await mentionsByIds(
            ctx.core.read,
            ids.map((id) => mentionIdOf('email', id)),
          );
          return new Set(held.map((m) => m.externalId));
        },
        firstBatch,
        log: (m) => ctx.log(m),
        signal: ctx.signal,
        health: {
          succeeded: () => {
            reachedMail = true;
            ctx.health.succeeded();
          },
          failed: (err, at) => ctx.health.failed(err, at),
          problem: (err) => ctx.health.problem(err),
          counted: (n) => ctx.health.counted(n),
        },
      });
    } catch (err) {
      if (ctx.signal.aborted) break;
      failures = reachedMail ? 1 : failures + 1;
      const wait = isAuthFailure(err)
        ? AUTH_RETRY_MS
        : backoffDelay(failures, {
            intervalMs: RETRY_BASE_MS,
            baseMs: RETRY_BASE_MS,
            capMs: RETRY_CAP_MS,
          });
      const why = describeImapError(err, ctx.config);
      ctx.health.failed(new Error(why), Date.now() + wait);
      ctx.log(`${why}; trying again in ${Math.round(wait / 1000)} s`);
      // Not the server's doing (no IMAP, socket or server code): a fault of ours, worth its stack.
      if (isOurFault(err)) ctx.log(err.stack ?? err.message);
      await sleep(wait, ctx.signal);
    }
  }
}

/** An error that is no server's answer nor a network failure: a fault of the station's own. */
function isOurFault(err: unknown): err is Error {
  if (!(err instanceof Error) || isAuthFailure(err)) return false;
  const e = err as { code?: unknown; responseText?: unknown };
  return e.code === undefined && e.responseText === undefined;
}

/** The thread of an email mention already in the room, by its Message-ID. */
async function threadOfMention(ctx: ConnectorContext<ImapConfig>, messageId: string) {
  const m = await mentionById(ctx.core.read, mentionIdOf('email', messageId));
  const thread = m?.metadata.thread;
  return typeof thread === 'string' ? thread : null;
}
