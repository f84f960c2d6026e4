import type { Sql } from '../connection';

/** One ingested item not yet erased, with what erasure and retention match it by. */
export type IngestItemRow = {
  op_id: string;
  idx: number;
  channel: string;
  external_id: string;
  handle: string;
  email: string | null;
  phone: string | null;
  occurred_ms: number;
};

/**
 * Calls `onRow` for every item of ingest ops stored after `afterRowid` that is not erased and
 * happened at or before `untilMs` (a full scan of the log's JSON when afterRowid is 0: an erasure
 * or a new retention cutoff, never the ingest path).
 */
export async function eachIngestItem(
  sql: Sql,
  afterRowid: number,
  untilMs: number,
  onRow: (row: IngestItemRow) => void,
): Promise<number> {
  return sql.each<IngestItemRow>(
    `SELECT op_id, idx, channel, external_id, handle, email, phone, occurred_ms FROM (
       SELECT o.id AS op_id, j.key AS idx,
         j.value ->> '$.mention.channel' AS channel,
         j.value ->> '$.mention.externalId' AS external_id,
         j.value ->> '$.mention.author.handle' AS handle,
         j.value ->> '$.mention.author.email' AS email,
         j.value ->> '$.mention.author.phone' AS phone,
         CAST(round(unixepoch(j.value ->> '$.mention.occurredAt', 'subsec') * 1000) AS INTEGER)
           AS occurred_ms
       FROM ops o, jsonb_each(jsonb(o.payload), '$.items') j
       WHERE o.rowid > ? AND o.type = 'mention.ingest' AND o.payload IS NOT NULL
         AND j.value ->> '$.erased' IS NULL
     ) WHERE occurred_ms <= ?`,
    [afterRowid, untilMs],
    onRow,
  );
}

/** The stored payload (canonical JSON) and payload hash of an op. */
export async function storedPayload(
  sql: Sql,
  opId: string,
): Promise<{ type: string; payload: string | null; payload_hash: string } | undefined> {
  return sql.get('SELECT type, payload, payload_hash FROM ops WHERE id = ?', [opId]);
}

/** Replaces an op's stored payload (an erased copy of it, or NULL when withheld). */
export async function rewritePayload(tx: Sql, opId: string, payload: string | null): Promise<void> {
  await tx.run('UPDATE ops SET payload = CAST(? AS TEXT) WHERE id = ?', [payload, opId]);
}

/** Deletes mention rows (their FTS entries go by trigger); returns how many went. */
export async function deleteMentions(tx: Sql, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const r = await tx.run('DELETE FROM mentions WHERE id IN (SELECT value FROM json_each(?))', [
    JSON.stringify(ids),
  ]);
  return r.changes;
}

/** Merges the full-text index into one segment: tokens of deleted rows leave the index's pages. */
export async function optimizeMentionSearch(tx: Sql): Promise<void> {
  await tx.run(`INSERT INTO mentions_fts (mentions_fts) VALUES ('optimize')`);
}

/** Notes mentions taken by an erasure (ops about them that arrive later are withheld). */
export async function noteErasedMentions(
  tx: Sql,
  erasureId: string,
  ids: readonly string[],
): Promise<void> {
  if (ids.length === 0) return;
  await tx.run(
    `INSERT OR IGNORE INTO erased_mentions (id, erasure_id) SELECT value, ? FROM json_each(?)`,
    [erasureId, JSON.stringify(ids)],
  );
}

/** An op whose payload may carry a person's data, with what it is about. */
export type WithholdCandidate = {
  id: string;
  type: string;
  subject: string | null;
  hlc: string;
  a: string | null;
  b: string | null;
};

/**
 * Ops (stored after `afterRowid`) with a payload about a mention an erasure took: a reopen
 * reason, a retro pin's note, a note on a timeline event about it, replies drafted or sent to it (their whole message: every draft
 * and send of it, also versions arriving later).
 */
export async function opsAboutErasedMentions(
  sql: Sql,
  afterRowid: number,
): Promise<WithholdCandidate[]> {
  return sql.all<WithholdCandidate>(
    `WITH about AS (
       SELECT o.id, o.type, o.subject, o.hlc FROM ops o
       WHERE o.rowid > ? AND o.payload IS NOT NULL AND (
         (o.type = 'mention.reopen' AND o.subject IN (SELECT id FROM erased_mentions))
         OR (o.type = 'retro.pin' AND o.payload ->> '$.mentionId' IN (SELECT id FROM erased_mentions))
         -- a review's note on a timeline event about such a mention (a claim, an answer…)
         OR (o.type = 'retro.annotate' AND EXISTS (SELECT 1 FROM ops e
               WHERE e.id = o.payload ->> '$.eventId' AND e.type <> 'mention.ingest'
                 AND e.subject IN (SELECT id FROM erased_mentions)))
         OR (o.type IN ('message.draft', 'message.send') AND (coalesce(
               o.payload ->> '$.mentionId', o.payload ->> '$.target.mentionId')
             IN (SELECT id FROM erased_mentions)
           -- a later version of a message already withheld (it need not name the mention again)
           OR EXISTS (SELECT 1 FROM ops w WHERE w.subject = o.subject
             AND w.type = 'message.draft' AND w.payload IS NULL))))
     ),
     messages AS (SELECT DISTINCT subject FROM about WHERE type LIKE 'message.%')
     SELECT id, type, subject, hlc, NULL AS a, NULL AS b FROM about
     UNION
     SELECT o.id, o.type, o.subject, o.hlc, NULL, NULL FROM ops o JOIN messages m ON o.subject = m.subject
     WHERE o.type IN ('message.draft', 'message.send') AND o.payload IS NOT NULL`,
    [afterRowid],
  );
}

/** Mentions (not yet known erased) that ops stored after `afterRowid` carry data about. */
export async function mentionsReferencedSince(sql: Sql, afterRowid: number): Promise<string[]> {
  const rows = await sql.all<{ id: string }>(
    `SELECT DISTINCT id FROM (
       SELECT CASE WHEN type = 'mention.reopen' THEN subject
         ELSE coalesce(payload ->> '$.mentionId', payload ->> '$.target.mentionId') END AS id
       FROM ops WHERE rowid > ? AND payload IS NOT NULL
         AND type IN ('mention.reopen', 'retro.pin', 'message.draft', 'message.send')
     ) WHERE id IS NOT NULL AND id NOT IN (SELECT id FROM erased_mentions)`,
    [afterRowid],
  );
  return rows.map((r) => r.id);
}

/** Contact ops (stored after `afterRowid`) still holding their payload, with the identifiers they link. */
export async function contactOpsSince(sql: Sql, afterRowid: number): Promise<WithholdCandidate[]> {
  return sql.all<WithholdCandidate>(
    `SELECT id, type, subject, hlc, payload ->> '$.a' AS a, payload ->> '$.b' AS b FROM ops
     WHERE rowid > ? AND type IN ('contact.merge', 'contact.unmerge', 'contact.dismiss')
       AND payload IS NOT NULL`,
    [afterRowid],
  );
}

/** Withholds the payloads of ops (payload NULL, payload hash kept: the chains still verify). */
export async function withholdPayloads(tx: Sql, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx.run('UPDATE ops SET payload = NULL WHERE id IN (SELECT value FROM json_each(?))', [
    JSON.stringify(ids),
  ]);
}

/** One erasure as recorded. */
export type ErasureRow = {
  id: string;
  op_id: string;
  hlc: string;
  actor: string;
  reference: string;
  cutoff: string;
  keys: string;
  requested_items: number;
  effect: 'applied' | 'refused';
  reason: string | null;
};

/** Records (or re-judges) an erasure. */
export async function putErasure(tx: Sql, row: ErasureRow): Promise<void> {
  await tx.run(
    `INSERT INTO erasures (id, op_id, hlc, actor, reference, cutoff, keys, requested_items, effect, reason)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET effect = excluded.effect, reason = excluded.reason
       WHERE excluded.hlc <= erasures.hlc`,
    [
      row.id,
      row.op_id,
      row.hlc,
      row.actor,
      row.reference,
      row.cutoff,
      row.keys,
      row.requested_items,
      row.effect,
      row.reason,
    ],
  );
}

/** Erasures in force: their keys (JSON) and cutoff. */
export async function appliedErasures(
  sql: Sql,
): Promise<readonly { id: string; keys: string; cutoff: string }[]> {
  return sql.memo('erasures.applied', ['erasures'], () =>
    sql.all(`SELECT id, keys, cutoff FROM erasures WHERE effect = 'applied' ORDER BY hlc, id`),
  );
}

/** Every erasure recorded, newest first. */
export async function erasureRows(sql: Sql): Promise<ErasureRow[]> {
  return sql.all<ErasureRow>('SELECT * FROM erasures ORDER BY hlc DESC');
}

/** Each station's confirmations of erasures (erasure.applied ops), oldest first. */
export async function erasureConfirmations(
  sql: Sql,
): Promise<{ origin: string; hlc: string; payload: string | null }[]> {
  return sql.all(
    `SELECT origin, hlc, payload FROM ops WHERE type = 'erasure.applied' AND v = 1 ORDER BY hlc, id`,
  );
}

/** Adds to what an erasure (or 'retention') erased on this station. */
export async function addErasureCounts(
  tx: Sql,
  erasureId: string,
  items: number,
  withheld: number,
  at: string,
): Promise<void> {
  if (items === 0 && withheld === 0) return;
  await tx.run(
    `INSERT INTO erasure_counts (erasure_id, items, withheld, last_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (erasure_id) DO UPDATE SET items = items + excluded.items,
       withheld = withheld + excluded.withheld, last_at = excluded.last_at`,
    [erasureId, items, withheld, at],
  );
}

/** When this station last erased or withheld anything (ISO), or null. */
export async function lastErasedAt(sql: Sql): Promise<string | null> {
  return (
    (await sql.get<{ at: string | null }>('SELECT max(last_at) AS at FROM erasure_counts'))?.at ??
    null
  );
}

/** What each erasure erased here, by id. */
export async function erasureCounts(
  sql: Sql,
): Promise<Map<string, { items: number; withheld: number; last_at: string | null }>> {
  const rows = await sql.all<{
    erasure_id: string;
    items: number;
    withheld: number;
    last_at: string | null;
  }>('SELECT * FROM erasure_counts');
  return new Map(rows.map((r) => [r.erasure_id, r]));
}

/** The war room's id (the salt of erasure keys). */
export async function roomIdOf(sql: Sql): Promise<string | null> {
  return (await sql.get<{ id: string }>('SELECT id FROM room LIMIT 1'))?.id ?? null;
}

/** A mention's author fields, as an erasure finds its person. */
export type AuthorRow = {
  id: string;
  channel: string;
  author_handle: string;
  author_email: string | null;
  author_phone: string | null;
};

/** Mentions held here by one author on one channel (handle compared without @, ASCII lower case). */
export async function mentionsByAuthor(
  sql: Sql,
  channel: string,
  handleKey: string,
): Promise<AuthorRow[]> {
  return sql.all(
    `SELECT id, channel, author_handle, author_email, author_phone FROM mentions
     WHERE channel = ? AND lower(ltrim(author_handle, '@')) = ?`,
    [channel, handleKey],
  );
}

/** Mentions held here carrying any of these customer identifiers (handle:, email:, phone:). */
export async function mentionsByIdentifiers(
  sql: Sql,
  identifiers: readonly string[],
): Promise<
  {
    id: string;
    channel: string;
    author_handle: string;
    author_email: string | null;
    author_phone: string | null;
  }[]
> {
  const emails = identifiers.filter((i) => i.startsWith('email:')).map((i) => i.slice(6));
  const phones = identifiers.filter((i) => i.startsWith('phone:')).map((i) => i.slice(6));
  const mentions = identifiers.filter((i) => i.startsWith('mention:')).map((i) => i.slice(8));
  const handles = identifiers
    .filter((i) => i.startsWith('handle:'))
    .map((i) => {
      const rest = i.slice(7);
      const c = rest.indexOf(':');
      return [rest.slice(0, c), rest.slice(c + 1)];
    });
  return sql.all(
    `SELECT id, channel, author_handle, author_email, author_phone FROM mentions
     WHERE contact_email IN (SELECT value FROM json_each(?1))
        OR contact_phone IN (SELECT value FROM json_each(?2))
        OR id IN (SELECT value FROM json_each(?3))
        OR EXISTS (SELECT 1 FROM json_each(?4) h WHERE h.value ->> 0 = mentions.channel
             AND (mentions.author_handle = h.value ->> 1 OR mentions.author_handle = '@' || (h.value ->> 1)))`,
    [
      JSON.stringify(emails),
      JSON.stringify(phones),
      JSON.stringify(mentions),
      JSON.stringify(handles),
    ],
  );
}

/** Withholdable ops held here about these mentions (for the erasure preview). */
export async function countOpsAboutMentions(sql: Sql, ids: readonly string[]): Promise<number> {
  const row = await sql.get<{ n: number }>(
    `SELECT count(*) AS n FROM ops WHERE payload IS NOT NULL AND (
       (type = 'mention.reopen' AND subject IN (SELECT value FROM json_each(?1)))
       OR (type = 'retro.pin' AND payload ->> '$.mentionId' IN (SELECT value FROM json_each(?1)))
       OR (type IN ('message.draft', 'message.send') AND coalesce(payload ->> '$.mentionId',
             payload ->> '$.target.mentionId') IN (SELECT value FROM json_each(?1))))`,
    [JSON.stringify(ids)],
  );
  return row?.n ?? 0;
}

/** Every retention op (rules and sweeps), in HLC order. */
export async function retentionOps(sql: Sql): Promise<
  {
    id: string;
    origin: string;
    seq: number;
    type: string;
    v: number;
    hlc: string;
    actor: string;
    payload: string | null;
  }[]
> {
  return sql.all(
    `SELECT id, origin, seq, type, v, hlc, actor, payload FROM ops
     WHERE type IN ('retention.set', 'retention.sweep') ORDER BY hlc, id`,
  );
}
