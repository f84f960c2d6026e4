import type { Sql } from '../connection';
import type { MentionState, Verdict } from '../../../../shared/domain/mention-state';
import type { SlaTargets } from '../../../../shared/routing/sla';
import { slaDueSql } from './routing';

/** The columns of a mention that come from its ingest op (the rest is status and claim). */
export const MENTION_CONTENT_COLUMNS = [
  'channel',
  'external_id',
  'author_handle',
  'author_name',
  'author_email',
  'author_phone',
  'text',
  'occurred_at',
  'occurred_ms',
  'recorded_hlc',
  'source_op',
  'brand',
  'location',
  'url',
  'department',
  'language',
  'sentiment_score',
  'sentiment_label',
  'priority',
  'metadata',
  // What routing decided at ingest (migration 0012); department and priority start from it.
  'routed_department',
  'routed_priority',
  'routed_skills',
];

// Each mention is derived inside SQLite from its ingest op's stored payload: the JSON is parsed
// once per op in C, where binding ~20 values a row from JS cost several times more (measured:
// bench/ingest). Converted to JSONB first, each item's fields are read without re-parsing its
// text (a third of the cost of reading them from json_each's text values). An ingest op carries a batch of items; an erased item keeps only its hash and
// derives nothing. The first ingested version (lowest HLC, then the earlier item) is the mention;
// later copies only count as duplicates (DECISIONS.md 7) — an upsert, so the result is the same
// in any order.
// The source's own department wins over routing's; routing's priority over triage's (0012).
const DEPARTMENT = `coalesce(j.value ->> '$.mention.department', j.value ->> '$.enrichment.routing.department')`;
const PRIORITY = `coalesce(j.value ->> '$.enrichment.routing.priority', j.value ->> '$.enrichment.priority', 0)`;
// The derive reads each value once, in an inner SELECT, and the SLA due times are worked out
// from its department-free columns (priority, channel, record HLC) in the outer one: repeating
// the JSON look-ups in every CASE branch, or a second UPDATE pass over the new rows, cost a bulk
// import ~15 % (bench/ingest).
// Due times follow the record time: an earlier copy in the same batch brings its own (mentions
// held before the batch get theirs again from setSlaOfIngested, after any re-prioritising).
const SLA_COLUMNS = ['sla_due', 'sla_warn_at'];

// An ingest op of a revoked station past its revocation point derives nothing (migration 0020).
const NOT_REVOKED = `NOT EXISTS (SELECT 1 FROM station_revocations r
        WHERE r.station_id = o.origin AND o.seq > r.point_seq)`;

const deriveSql = (
  sla: { due: string; warn: string },
  /** Which ingest ops (alias o) to derive from, and which mention ids (none: all). */
  where = 'o.rowid > ?',
  ids = '',
) => `
  INSERT INTO mentions (id, ${MENTION_CONTENT_COLUMNS.join(', ')}, sla_due, sla_warn_at)
  SELECT id, ${MENTION_CONTENT_COLUMNS.map(fromInner).join(', ')}, ${sla.due}, ${sla.warn}
  FROM (
    SELECT
      (j.value ->> '$.mention.channel') || ':' || (j.value ->> '$.mention.externalId') AS id,
      j.value ->> '$.mention.channel' AS channel,
      j.value ->> '$.mention.externalId' AS external_id,
      j.value ->> '$.mention.author.handle' AS author_handle,
      j.value ->> '$.mention.author.name' AS author_name,
      j.value ->> '$.mention.author.email' AS author_email,
      j.value ->> '$.mention.author.phone' AS author_phone,
      j.value ->> '$.mention.text' AS text,
      j.value ->> '$.mention.occurredAt' AS occurred_at,
      CAST(round(unixepoch(j.value ->> '$.mention.occurredAt', 'subsec') * 1000) AS INTEGER)
        AS occurred_ms,
      o.hlc AS recorded_hlc,
      o.id AS source_op,
      j.value ->> '$.mention.brand' AS brand,
      j.value ->> '$.mention.location' AS location,
      j.value ->> '$.mention.url' AS url,
      ${DEPARTMENT} AS department,
      j.value ->> '$.enrichment.language' AS language,
      j.value ->> '$.enrichment.sentiment.score' AS sentiment_score,
      j.value ->> '$.enrichment.sentiment.label' AS sentiment_label,
      ${PRIORITY} AS priority,
      nullif(j.value -> '$.enrichment.routing.skills', '[]') AS routed_skills,
      coalesce(j.value -> '$.mention.metadata', '{}') AS metadata,
      o.rowid AS op_rowid,
      j.key AS item
    FROM ops o, jsonb_each(jsonb(o.payload), '$.items') j
    WHERE ${where} AND o.type = 'mention.ingest' AND o.v = 2 AND o.payload IS NOT NULL
      AND j.value ->> '$.erased' IS NULL AND ${NOT_REVOKED}
  )${ids}
  ORDER BY op_rowid, item
  ON CONFLICT (id) DO UPDATE SET
    duplicates = mentions.duplicates + 1,
    ${[...MENTION_CONTENT_COLUMNS, ...SLA_COLUMNS].map((c) => `${c} = CASE WHEN excluded.recorded_hlc < mentions.recorded_hlc THEN excluded.${c} ELSE mentions.${c} END`).join(',\n    ')}
`;

// Routing's department and priority start as the ones derived (read once, not twice).
function fromInner(column: string): string {
  if (column === 'routed_department') return 'department';
  if (column === 'routed_priority') return 'priority';
  return column;
}

/**
 * Derives these mentions again from every ingest op that counts (a revocation took some of their
 * copies away): their rows are replaced, so status and claim must be folded again after.
 */
export async function rederiveMentions(
  tx: Sql,
  ids: readonly string[],
  targets: SlaTargets,
): Promise<void> {
  if (ids.length === 0) return;
  const json = JSON.stringify(ids);
  await tx.run('DELETE FROM mentions WHERE id IN (SELECT value FROM json_each(?))', [json]);
  const on = { priority: 'priority', channel: 'channel', recordedHlc: 'recorded_hlc' };
  const sql = deriveSql(
    slaDueSql(targets, on),
    'o.rowid > 0',
    ' WHERE id IN (SELECT value FROM json_each(?))',
  );
  await tx.run(sql, [json]);
}

// The derive statement per SLA targets in force (a room changes them rarely).
const DERIVES = new Map<string, string>();

function deriveFor(targets: SlaTargets): string {
  const key = JSON.stringify(targets);
  let sql = DERIVES.get(key);
  if (!sql) {
    const on = { priority: 'priority', channel: 'channel', recordedHlc: 'recorded_hlc' };
    sql = deriveSql(slaDueSql(targets, on));
    if (DERIVES.size > 20) DERIVES.clear();
    DERIVES.set(key, sql);
  }
  return sql;
}

/** What deriving a batch's ingested mentions did. */
export type Derived = {
  /** Mentions new to this station. */
  added: number;
  /** Whether any item was another copy of a mention held before (its row was updated). */
  updatedHeld: boolean;
};

/**
 * Derives mentions from the ingest ops stored after `afterRowid`, with their first-response due
 * times under `targets`. `seqBefore` is the mentions' highest seq before (maxMentionSeq): seq is
 * an INTEGER PRIMARY KEY that only grows, so each row written tells whether it was added or held.
 */
export async function deriveIngested(
  tx: Sql,
  afterRowid: number,
  targets: SlaTargets,
  seqBefore: number,
): Promise<Derived> {
  const rows = await tx.all<{ seq: number }>(`${deriveFor(targets)} RETURNING seq`, [afterRowid]);
  // A mention carried twice by the batch is returned twice (inserted, then updated).
  const added = new Set<number>();
  let updatedHeld = false;
  for (const { seq } of rows) {
    if (seq > seqBefore) added.add(seq);
    else updatedHeld = true;
  }
  return { added: added.size, updatedHeld };
}

function hlcIso(hlc: string | null): string | null {
  return hlc === null ? null : new Date(Number(hlc.slice(0, 15))).toISOString();
}

/**
 * Writes many mentions' folded status and claim in one statement (a batch of claims, answers or
 * assignments touches hundreds; one UPDATE each was most of such a commit's time).
 */
export async function writeMentionStates(
  tx: Sql,
  states: readonly (readonly [string, MentionState])[],
): Promise<void> {
  if (states.length === 0) return;
  const rows = states.map(([id, s]) => [
    id,
    s.status,
    s.statusBy,
    hlcIso(s.statusHlc),
    s.claim?.op ?? null,
    s.claim?.operator ?? null,
    s.claim ? hlcIso(s.claim.hlc) : null,
    s.claim ? new Date(Number(s.claim.hlc.slice(0, 15)) + s.claim.leaseMs).toISOString() : null,
    s.answers,
  ]);
  await tx.run(
    `UPDATE mentions SET status = s.value ->> 1, status_by = s.value ->> 2,
       status_at = s.value ->> 3, claim_op = s.value ->> 4, claim_operator = s.value ->> 5,
       claim_at = s.value ->> 6, claim_expires = s.value ->> 7, answers = s.value ->> 8
     FROM json_each(?) AS s WHERE mentions.id = s.value ->> 0`,
    [JSON.stringify(rows)],
  );
}

/** Replaces the recorded effects of many subjects' ops, in two statements. */
export async function writeEffectsOfMany(
  tx: Sql,
  bySubject: readonly (readonly [string, readonly Verdict[]])[],
): Promise<void> {
  if (bySubject.length === 0) return;
  await tx.run('DELETE FROM op_effects WHERE subject IN (SELECT value FROM json_each(?))', [
    JSON.stringify(bySubject.map(([s]) => s)),
  ]);
  const rows = bySubject.flatMap(([subject, vs]) =>
    vs.map((v) => [v.opId, subject, v.effect, v.reason]),
  );
  if (rows.length === 0) return;
  await tx.run(
    `INSERT INTO op_effects (op_id, subject, effect, reason)
     SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3 FROM json_each(?)`,
    [JSON.stringify(rows)],
  );
}

/** Replaces the recorded effects of a subject's ops. */
export async function writeEffects(
  tx: Sql,
  subject: string,
  verdicts: readonly Verdict[],
): Promise<void> {
  await tx.run('DELETE FROM op_effects WHERE subject = ?', [subject]);
  if (verdicts.length === 0) return;
  await tx.run(
    `INSERT INTO op_effects (op_id, subject, effect, reason)
     SELECT value->>0, ?, value->>1, value->>2 FROM json_each(?)`,
    [subject, JSON.stringify(verdicts.map((v) => [v.opId, v.effect, v.reason]))],
  );
}
