import { ImapFlow, type FetchMessageObject } from 'imapflow';
import type { MentionInput } from '../../../../shared/domain/mention';
import type { CursorStore, HealthReporter, IngestOutcome, SeenSet } from '../connector-kind';
import { mapBatch, type FetchedMessage, type ThreadLookup } from './imap-batch';
import { imapOptionsOf, type ImapConfig } from './imap-settings';

/** Where reading a mailbox got to: every message up to `lastUid` of this UIDVALIDITY is in. */
export type ImapCursor = { uidValidity: string; lastUid: number; savedAt: string };

/** Most of a message fetched; a larger one is cut there (its text and first parts still come). */
export const MAX_FETCH_BYTES = 8 * 1024 * 1024;
/** Most messages, and bytes, fetched and committed as one batch before the cursor moves. */
const BATCH_MESSAGES = 25;
const BATCH_BYTES = 16 * 1024 * 1024;
/** Keys of messages taken in that are remembered (older ones collapse by Message-ID instead). */
const SEEN_KEEP = 200_000;
const DAY = 86_400_000;

/** What a session reads into and reports to (the connector's context, and a thread lookup). */
export type SessionSink = {
  cursor: CursorStore;
  seen: SeenSet;
  health: HealthReporter;
  ingest(inputs: readonly MentionInput[]): Promise<IngestOutcome>;
  knownThread: ThreadLookup;
  /**
   * Which of these external ids are mentions of the room already. Asked only for the first batch
   * after the connector starts: the one batch a crash of the station can have committed without
   * remembering it, which must not come back as duplicates.
   */
  inRoom(externalIds: readonly string[]): Promise<Set<string>>;
  /** True until a batch has been taken in since the connector started. */
  firstBatch: { pending: boolean };
  log(message: string): void;
  signal: AbortSignal;
};

/** Thrown when the server ends a session the station did not end. */
export class ConnectionLost extends Error {
  readonly code = 'EConnectionClosed';
}

/**
 * One connection to the mailbox: log in, open the folder read-only (no flag is changed), take in
 * every message after the cursor in UID order, batch by batch, each batch committed before the
 * cursor moves past it; then wait for new mail (IDLE pushes it; the poll interval is the backstop)
 * and repeat. Resolves when `signal` aborts; throws when the connection fails or drops.
 */
export async function runSession(config: ImapConfig, sink: SessionSink): Promise<void> {
  const client = new ImapFlow({ ...imapOptionsOf(config), autoIdleDelay: 2_000 });
  let closed = false;
  let newMail = true;
  let wake: () => void = () => undefined;
  // An 'error' event without a listener would take the whole station down.
  client.on('error', () => undefined);
  client.on('close', () => {
    closed = true;
    wake();
  });
  client.on('exists', () => {
    newMail = true;
    wake();
  });
  const onAbort = () => {
    wake();
    void client.logout().catch(() => client.close());
  };
  sink.signal.addEventListener('abort', onAbort);
  try {
    await client.connect();
    const box = await client.mailboxOpen(config.mailbox, { readOnly: true });
    let cursor = await startingCursor(client, box, config, sink);
    await sink.seen.prune(SEEN_KEEP);
    while (!sink.signal.aborted) {
      if (newMail) {
        newMail = false;
        cursor = await catchUp(client, cursor, config.mailbox, sink);
        if (sink.signal.aborted) break;
        sink.health.succeeded();
      }
      if (closed) throw new ConnectionLost('the server closed the connection');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          newMail = true;
          resolve();
        }, config.pollSeconds * 1000);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
        if (newMail || closed || sink.signal.aborted) wake();
      });
      if (closed && !sink.signal.aborted)
        throw new ConnectionLost('the server closed the connection');
    }
  } catch (err) {
    // A command cut off by a dropped connection fails with its own words; the drop is the news.
    if (closed && !sink.signal.aborted && !(err instanceof ConnectionLost))
      throw Object.assign(new ConnectionLost('the server closed the connection'), { cause: err });
    throw err;
  } finally {
    sink.signal.removeEventListener('abort', onAbort);
    if (!closed) client.close();
  }
}

/**
 * The cursor to read from. A first start takes in the mail of the last `backfillDays` and then
 * everything new. A changed UIDVALIDITY means the server renumbered the folder: it is read again
 * from a day before the last batch was taken in, and what was already taken in is recognised.
 * A new cursor is stored at once: mail arriving before the first batch is then not skipped by a
 * restart that would otherwise start again from "now".
 */
async function startingCursor(
  client: ImapFlow,
  box: { uidValidity: bigint; uidNext: number },
  config: ImapConfig,
  sink: SessionSink,
): Promise<ImapCursor> {
  const validity = String(box.uidValidity);
  const stored = await sink.cursor.load<ImapCursor>();
  if (stored?.uidValidity === validity) return stored;
  const now = Date.now();
  let since: number | null = config.backfillDays > 0 ? now - config.backfillDays * DAY : null;
  if (stored) {
    const last = Date.parse(stored.savedAt);
    since = Number.isNaN(last) ? 0 : last - DAY;
    sink.log(
      `${config.mailbox} was renumbered by the server (UIDVALIDITY ${stored.uidValidity} -> ${validity}): reading it again from ${new Date(since).toISOString()}`,
    );
  }
  let lastUid = await highestUid(client, box.uidNext);
  if (since !== null) {
    // SEARCH SINCE compares dates only (RFC 3501 6.4.4): a day's margin either way is harmless.
    const uids = await client.search({ since: new Date(since) }, { uid: true });
    if (Array.isArray(uids) && uids.length > 0) lastUid = uids.reduce((a, b) => Math.min(a, b)) - 1;
  }
  const cursor = { uidValidity: validity, lastUid, savedAt: new Date(now).toISOString() };
  await sink.cursor.save(cursor);
  return cursor;
}

/** The highest UID in the open folder (0 when empty), from UIDNEXT when the server gave it. */
async function highestUid(client: ImapFlow, uidNext: number): Promise<number> {
  if (Number.isInteger(uidNext) && uidNext > 0) return uidNext - 1;
  if (!client.mailbox || client.mailbox.exists === 0) return 0;
  const last = await client.fetchOne('*', { uid: true });
  return last ? last.uid : 0;
}

/** Takes in every message after the cursor; returns the cursor after the last batch. */
async function catchUp(
  client: ImapFlow,
  from: ImapCursor,
  mailbox: string,
  sink: SessionSink,
): Promise<ImapCursor> {
  let cursor = from;
  const box = client.mailbox;
  if (box && box.exists === 0) return cursor;
  // UID n:* always includes the highest UID, even when it is below n (RFC 3501 6.4.8).
  const listed = await client.fetchAll(
    `${cursor.lastUid + 1}:*`,
    { uid: true, size: true },
    { uid: true },
  );
  const pending = listed
    .filter((m) => m.uid > cursor.lastUid)
    .sort((a, b) => a.uid - b.uid)
    .map((m) => ({ uid: m.uid, size: m.size ?? 0 }));
  for (const batch of batchesOf(pending)) {
    if (sink.signal.aborted) break;
    const fetched = await client.fetchAll(
      batch.map((m) => m.uid).join(','),
      { uid: true, size: true, internalDate: true, source: { maxLength: MAX_FETCH_BYTES } },
      { uid: true },
    );
    const mapped = await mapBatch(fetched.map(fetchedOf), mailbox, sink.knownThread);
    for (const s of mapped.skipped) sink.log(`message ${s.uid} not taken in: ${s.why}`);
    for (const u of mapped.unreadable) {
      sink.log(`message ${u.uid} could not be read (kept as a placeholder): ${u.why}`);
      sink.health.problem(new Error(`message ${u.uid} could not be read: ${u.why}`));
    }
    const ids = mapped.mentions.map((m) => m.externalId);
    const seen = await sink.seen.among(ids);
    let fresh = mapped.mentions.filter((m) => !seen.has(m.externalId));
    if (sink.firstBatch.pending && fresh.length > 0) {
      const held = await sink.inRoom(fresh.map((m) => m.externalId));
      fresh = fresh.filter((m) => !held.has(m.externalId));
    }
    // Commit, remember, then move the cursor: a crash in between re-reads the batch, and what it
    // had already taken in collapses (seen here, or by the mention's dedupe key).
    if (fresh.length > 0) await sink.ingest(fresh);
    await sink.seen.add(fresh.map((m) => m.externalId));
    cursor = {
      uidValidity: cursor.uidValidity,
      lastUid: (batch[batch.length - 1] as { uid: number }).uid,
      savedAt: new Date().toISOString(),
    };
    await sink.cursor.save(cursor);
    sink.firstBatch.pending = false;
  }
  return cursor;
}

function fetchedOf(m: FetchMessageObject): FetchedMessage {
  const date = m.internalDate === undefined ? null : new Date(m.internalDate);
  return {
    uid: m.uid,
    source: m.source ?? Buffer.alloc(0),
    internalDate: date && !Number.isNaN(date.getTime()) ? date : null,
    partial: (m.size ?? 0) > MAX_FETCH_BYTES,
  };
}

/** Groups messages into batches of at most BATCH_MESSAGES and about BATCH_BYTES. */
function batchesOf(
  messages: readonly { uid: number; size: number }[],
): { uid: number; size: number }[][] {
  const out: { uid: number; size: number }[][] = [];
  let batch: { uid: number; size: number }[] = [];
  let bytes = 0;
  for (const m of messages) {
    const size = Math.min(m.size, MAX_FETCH_BYTES);
    if (batch.length >= BATCH_MESSAGES || (batch.length > 0 && bytes + size > BATCH_BYTES)) {
      out.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(m);
    bytes += size;
  }
  if (batch.length > 0) out.push(batch);
  return out;
}
