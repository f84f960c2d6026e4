import type { Sql } from '../connection';
import type { MentionState, Verdict } from '../../../../shared/domain/mention-state';

/** A mention row as the ingest reducer writes it (content fields only). */
export type IngestRow = {
  id: string;
  channel: string;
  externalId: string;
  authorHandle: string;
  authorName: string | null;
  authorEmail: string | null;
  authorPhone: string | null;
  text: string;
  occurredAt: string;
  occurredMs: number;
  recordedHlc: string;
  sourceOp: string;
  brand: string | null;
  location: string | null;
  url: string | null;
  department: string | null;
  language: string;
  sentimentScore: number;
  sentimentLabel: string;
  priority: number;
  metadata: string;
};

const CONTENT = [
  'channel', 'external_id', 'author_handle', 'author_name', 'author_email', 'author_phone', 'text',
  'occurred_at', 'occurred_ms', 'recorded_hlc', 'source_op', 'brand', 'location', 'url', 'department',
  'language', 'sentiment_score', 'sentiment_label', 'priority', 'metadata',
];

// The first ingested version (lowest HLC) is the mention; any later copy only counts as a
// duplicate (DECISIONS.md 7). Written as an upsert so the result is the same in any order.
const UPSERT = `
  INSERT INTO mentions (id, ${CONTENT.join(', ')})
  SELECT ${['id', ...CONTENT].map((_, i) => `value->>${i}`).join(', ')} FROM json_each(?) WHERE true
  ON CONFLICT (id) DO UPDATE SET
    duplicates = mentions.duplicates + 1,
    ${CONTENT.map((c) => `${c} = CASE WHEN excluded.recorded_hlc < mentions.recorded_hlc THEN excluded.${c} ELSE mentions.${c} END`).join(',\n    ')}
`;

const UPSERT_CHUNK = 2000;

/** Writes ingested mentions, one multi-row statement per chunk; returns how many were new. */
export async function upsertIngested(tx: Sql, rows: readonly IngestRow[]): Promise<number> {
  // seq is an INTEGER PRIMARY KEY that only grows, so max(seq) is a free "how many rows were added".
  const maxSeq = async () => (await tx.get<{ m: number | null }>('SELECT max(seq) AS m FROM mentions'))?.m ?? 0;
  const before = await maxSeq();
  for (let i = 0; i < rows.length; i += UPSERT_CHUNK) {
    const chunk = rows.slice(i, i + UPSERT_CHUNK).map((r) => [
      r.id, r.channel, r.externalId, r.authorHandle, r.authorName, r.authorEmail, r.authorPhone, r.text,
      r.occurredAt, r.occurredMs, r.recordedHlc, r.sourceOp, r.brand, r.location, r.url, r.department,
      r.language, r.sentimentScore, r.sentimentLabel, r.priority, r.metadata,
    ]);
    await tx.run(UPSERT, [JSON.stringify(chunk)]);
  }
  return (await maxSeq()) - before;
}

function hlcIso(hlc: string | null): string | null {
  return hlc === null ? null : new Date(Number(hlc.slice(0, 15))).toISOString();
}

/** Writes a mention's folded status and claim. Returns false when the mention is not here yet. */
export async function writeMentionState(tx: Sql, id: string, s: MentionState): Promise<boolean> {
  const claimAt = s.claim ? hlcIso(s.claim.hlc) : null;
  const claimExpires = s.claim ? new Date(Number(s.claim.hlc.slice(0, 15)) + s.claim.leaseMs).toISOString() : null;
  const res = await tx.run(
    `UPDATE mentions SET status = ?, status_by = ?, status_at = ?, claim_op = ?, claim_operator = ?,
       claim_at = ?, claim_expires = ? WHERE id = ?`,
    [s.status, s.statusBy, hlcIso(s.statusHlc), s.claim?.op ?? null, s.claim?.operator ?? null, claimAt, claimExpires, id],
  );
  return res.changes > 0;
}

/** Replaces the recorded effects of a subject's ops. */
export async function writeEffects(tx: Sql, subject: string, verdicts: readonly Verdict[]): Promise<void> {
  await tx.run('DELETE FROM op_effects WHERE subject = ?', [subject]);
  if (verdicts.length === 0) return;
  await tx.run(
    `INSERT INTO op_effects (op_id, subject, effect, reason)
     SELECT value->>0, ?, value->>1, value->>2 FROM json_each(?)`,
    [subject, JSON.stringify(verdicts.map((v) => [v.opId, v.effect, v.reason]))],
  );
}
