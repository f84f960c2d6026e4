import type { Sql } from '../../db/connection';
import type { TimeWindow } from '../../../../shared/analytics/review-input';
import type { Review, SendPayload } from '../../../../shared/messaging/message-state';

/** One thing said publicly: a send that took effect, with the exact words that went out. */
export type PublicSend = {
  opId: string;
  /** When it was recorded (epoch ms): a send is the moment it went out. */
  at: number;
  /** Who sent it (an operator id). */
  by: string;
  messageId: string;
  kind: 'statement' | 'reply';
  channel: string;
  /** A statement's audience. */
  audience: string | null;
  /** A reply's mention and its author's handle (null when the mention is not held here). */
  mentionId: string | null;
  toHandle: string | null;
  /** A wave answer's personalisation: the name it used and the case number. */
  recipient: { author: string; case: string } | null;
  text: string;
  via: string[];
  /** Approvals of the version sent: area and approver (an operator id). */
  approvals: { area: string; by: string }[];
};

type Row = {
  id: string;
  hlc: string;
  actor: string;
  subject: string;
  payload: string | null;
  reviews: string | null;
  content_hash: string | null;
  to_handle: string | null;
};

/**
 * Every send in a window that took effect (refused sends changed nothing and said nothing), in
 * the order they went out. A send whose payload was erased from this log is left out: its words
 * are no longer held.
 */
export async function publicSends(sql: Sql, w: TimeWindow): Promise<PublicSend[]> {
  const hlcAt = (ms: number) => String(Math.max(0, Math.floor(ms))).padStart(15, '0');
  const rows = await sql.all<Row>(
    `SELECT o.id, o.hlc, o.actor, o.subject, o.payload, m.reviews, m.content_hash,
       mm.author_handle AS to_handle
     FROM ops o
     JOIN op_effects e ON e.op_id = o.id AND e.effect = 'applied'
     LEFT JOIN messages m ON m.id = o.subject
     LEFT JOIN mentions mm ON mm.id = o.payload ->> '$.target.mentionId'
     WHERE o.type = 'message.send' AND o.hlc >= ? AND o.hlc < ? AND o.payload IS NOT NULL
     ORDER BY o.hlc, o.id`,
    [hlcAt(w.from), hlcAt(w.to)],
  );
  return rows.map((r) => {
    const p = JSON.parse(r.payload as string) as SendPayload;
    const target = p.target as { mentionId?: string; audience?: string };
    const reviews = r.reviews ? (JSON.parse(r.reviews) as Review[]) : [];
    return {
      opId: r.id,
      at: Number(r.hlc.slice(0, 15)),
      by: r.actor,
      messageId: r.subject,
      kind: target.audience !== undefined ? 'statement' : 'reply',
      channel: p.channel,
      audience: target.audience ?? null,
      mentionId: target.mentionId ?? null,
      toHandle: r.to_handle,
      recipient: p.recipient ?? null,
      text: p.text,
      via: p.via,
      // Reviews bind to a text's hash: only approvals of the words that went out count.
      approvals: reviews
        .filter((v) => v.decision === 'approve' && r.content_hash === p.contentHash)
        .map((v) => ({ area: v.area, by: v.by })),
    };
  });
}
