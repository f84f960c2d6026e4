import type { Sql } from '../../db/connection';
import { opsBySubject } from '../../db/queries/ops';
import { upsertIngested, writeEffects, writeMentionState, type IngestRow } from '../../db/queries/mention-writes';
import { MENTION_STATE_OPS, foldMentionState } from '../../../../shared/domain/mention-state';
import { priorityOf } from '../../../../shared/domain/priority';
import type { Op } from '../op';
import { canonicalJson } from '../op-id';
import type { MentionIngest } from '../payloads';
import type { RoleHistory } from './roles';

/** The mention row an ingest op describes. */
export function ingestRowOf(op: Op): IngestRow {
  const { mention: m, enrichment: e } = op.payload as MentionIngest;
  return {
    id: op.subject as string,
    channel: m.channel,
    externalId: m.externalId,
    authorHandle: m.author.handle,
    authorName: m.author.name ?? null,
    authorEmail: m.author.email ?? null,
    authorPhone: m.author.phone ?? null,
    text: m.text,
    occurredAt: m.occurredAt,
    occurredMs: Date.parse(m.occurredAt),
    recordedHlc: op.hlc,
    sourceOp: op.id,
    brand: m.brand ?? null,
    location: m.location ?? null,
    url: m.url ?? null,
    department: m.department ?? null,
    language: e.language,
    sentimentScore: e.sentiment.score,
    sentimentLabel: e.sentiment.label,
    priority: priorityOf(m.text, m.channel, e.sentiment),
    metadata: canonicalJson(m.metadata ?? {}),
  };
}

/** Applies ingest ops in bulk; returns how many mentions were new. */
export async function applyIngest(tx: Sql, ops: readonly Op[]): Promise<number> {
  return upsertIngested(tx, ops.map(ingestRowOf));
}

/** Re-derives a mention's status and claim from all of its state ops, and records each op's effect. */
export async function refoldMention(tx: Sql, mentionId: string, roles: RoleHistory): Promise<void> {
  const ops = await opsBySubject(tx, mentionId, MENTION_STATE_OPS);
  await roles.load(ops.map((o) => o.actor));
  const { state, verdicts } = foldMentionState(ops, { roleAt: (a, h) => roles.roleAt(a, h) });
  await writeMentionState(tx, mentionId, state);
  await writeEffects(tx, mentionId, verdicts);
}
