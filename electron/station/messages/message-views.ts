import type { Sql } from '../db/connection';
import type { MessageRow } from '../db/queries/messages';
import { listOperators } from '../db/queries/people';
import type { Byline, MessageHistoryEntry, MessageView } from '../../../shared/contract/messages';
import type { MessageStatus, Review, Send } from '../../../shared/messaging/message-state';
import { MESSAGE_OPS } from '../../../shared/messaging/message-state';
import type { ApprovalArea, MessageKind } from '../../../shared/messaging/policy';
import type { Severity } from '../../../shared/playbooks/severity';
import { hlcToIso } from '../../../shared/sync/hlc';
import { opsBySubject } from '../db/queries/ops';

/** Display names by operator id, to turn ids into bylines. */
export type Names = Map<string, string>;

/** Every account's display name. */
export async function namesOf(sql: Sql): Promise<Names> {
  return new Map((await listOperators(sql)).map((o) => [o.id, o.display_name]));
}

function byline(names: Names, id: string, hlc: string): Byline {
  return { id, name: names.get(id) ?? id, at: hlcToIso(hlc) };
}

/** A stored message as desks see it. */
export function messageView(r: MessageRow, names: Names): MessageView {
  const reviews = JSON.parse(r.reviews) as Review[];
  const sends = JSON.parse(r.sends) as Send[];
  return {
    id: r.id,
    kind: r.kind as MessageKind,
    mentionId: r.mention_id,
    library:
      r.library_scenario && r.library_language
        ? { scenario: r.library_scenario, language: r.library_language }
        : null,
    status: r.status as MessageStatus,
    version: r.version,
    text: r.text,
    contentHash: r.content_hash,
    language: r.language,
    channel: r.channel,
    topics: JSON.parse(r.topics) as string[],
    severity: r.severity as Severity | null,
    runId: r.run_id,
    templateId: r.template_id,
    created: byline(names, r.created_by, r.created_hlc),
    versionBy: byline(names, r.version_by, r.version_hlc),
    required: JSON.parse(r.required) as ApprovalArea[],
    requiredBy: JSON.parse(r.required_by) as string[],
    reviews: reviews.map((v) => ({
      ...byline(names, v.by, v.hlc),
      area: v.area,
      decision: v.decision,
      comment: v.comment,
    })),
    approvedAreas: JSON.parse(r.approved_areas) as ApprovalArea[],
    approvedAt: r.approved_hlc ? hlcToIso(r.approved_hlc) : null,
    sends: sends.map((s) => ({
      ...byline(names, s.by, s.hlc),
      channel: s.channel,
      via: s.via,
      target: 'mentionId' in s.target ? s.target.mentionId : s.target.audience,
      recipient: s.recipient ?? null,
    })),
    wave: r.wave === 1,
    retired: r.retired_by && r.retired_hlc ? byline(names, r.retired_by, r.retired_hlc) : null,
  };
}

/** Messages by id, as views (in the order asked). */
export async function messageViews(sql: Sql, ids: readonly string[]): Promise<MessageView[]> {
  if (ids.length === 0) return [];
  const rows = await sql.all<MessageRow>(
    'SELECT * FROM messages WHERE id IN (SELECT value FROM json_each(?))',
    [JSON.stringify(ids)],
  );
  const names = await namesOf(sql);
  const byId = new Map(rows.map((r) => [r.id, messageView(r, names)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** One message's ops as its history, oldest first, with what each did (refused ones too). */
export async function messageHistory(sql: Sql, id: string): Promise<MessageHistoryEntry[]> {
  const ops = await opsBySubject(sql, id, MESSAGE_OPS);
  const effects = new Map(
    (
      await sql.all<{ op_id: string; effect: string; reason: string | null }>(
        'SELECT op_id, effect, reason FROM op_effects WHERE subject = ?',
        [id],
      )
    ).map((e) => [e.op_id, e]),
  );
  const names = await namesOf(sql);
  return ops.map((op) => {
    const p = (op.payload ?? {}) as Record<string, unknown>;
    const str = (k: string) => (typeof p[k] === 'string' ? (p[k] as string) : null);
    const e = effects.get(op.id);
    return {
      ...byline(names, op.actor, op.hlc),
      opId: op.id,
      type: op.type as MessageHistoryEntry['type'],
      effect: (e?.effect as MessageHistoryEntry['effect'] | undefined) ?? 'pending',
      reason: e?.reason ?? null,
      text: str('text'),
      contentHash: str('contentHash'),
      decision: str('decision') as MessageHistoryEntry['decision'],
      area: str('area') as MessageHistoryEntry['area'],
      comment: str('comment'),
      channel: str('channel'),
      submit: typeof p.submit === 'boolean' ? p.submit : null,
    };
  });
}
