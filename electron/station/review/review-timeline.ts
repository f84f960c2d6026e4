import type { Sql } from '../db/connection';
import type { TimeWindow } from '../../../shared/analytics/review-input';
import {
  projectTimeline,
  type TimelineEvent,
  type TimelineOp,
} from '../../../shared/analytics/timeline';
import { OP_KEYS, uninterpretedReason } from '../ops/op-catalogue';
import { revokedReason } from '../db/queries/revocations';

// Op types the timeline shows when they take effect (besides mentions typed in at a desk); a
// refused op of any type shows too, as refused, and so does any op this build cannot read.
const TYPES = [
  'alert.raised',
  'run.start',
  'run.step',
  'run.approve',
  'run.advance',
  'run.severity',
  'run.commander',
  'run.status-update',
  'run.close',
  'timer.fired',
  'staffing.auto',
  'shift.check-in',
  'shift.check-out',
  'message.draft',
  'message.review',
  'message.send',
  'mention.claim',
  'mention.assign',
  'mention.answer',
  'mention.close',
  'mention.ignore',
  'mention.reopen',
  'mention.route',
  'sla.breached',
];
// Events are recorded after they happen (a call logged later): ops recorded up to this long after
// the window are read too, and kept when what they record happened inside it.
const LATE_MS = 24 * 3_600_000;
const hlcAt = (ms: number) => String(Math.max(0, Math.floor(ms))).padStart(15, '0');

/**
 * The timeline of a review window: the ops that matter (an op without a judgement took effect),
 * ops that were refused (with why), the staffing level's changes, and mentions typed in at a
 * desk, placed when they happened.
 */
export async function reviewTimeline(sql: Sql, window: TimeWindow): Promise<TimelineEvent[]> {
  const rows = await sql.all<{
    id: string;
    type: string;
    v: number;
    hlc: string;
    actor: string;
    subject: string | null;
    payload: string | null;
    effect: TimelineOp['effect'] | null;
    reason: string | null;
    origin: string;
    revoked_after: number | null;
  }>(
    `SELECT o.id, o.type, o.v, o.hlc, o.actor, o.subject, o.payload, e.effect, e.reason, o.origin,
       CASE WHEN o.seq > r.point_seq THEN r.point_seq END AS revoked_after
     FROM ops o LEFT JOIN op_effects e ON e.op_id = o.id
       LEFT JOIN station_revocations r ON r.station_id = o.origin
     WHERE o.hlc >= ? AND o.hlc < ?
       AND (o.type IN (SELECT value FROM json_each(?))
            OR (o.type = 'mention.ingest' AND o.payload ->> '$.source.connector' = 'manual')
            OR e.effect = 'refused' OR o.seq > r.point_seq
            OR o.type || '@' || o.v NOT IN (SELECT value FROM json_each(?)))`,
    [
      hlcAt(window.from - LATE_MS),
      hlcAt(window.to + LATE_MS),
      JSON.stringify(TYPES),
      JSON.stringify(OP_KEYS),
    ],
  );
  const ops: TimelineOp[] = rows.map((r) => {
    const payload = r.payload === null ? null : (JSON.parse(r.payload) as unknown);
    // An op this build cannot read (a newer build's, DECISIONS.md 2) had no effect here. The
    // payload is checked against its schema only where no fold recorded a verdict: one that did
    // read it (and a review may hold millions of them).
    // An op of a revoked station past its point had no effect anywhere (no fold recorded one).
    const unread =
      r.revoked_after !== null
        ? revokedReason(r.origin, r.revoked_after)
        : uninterpretedReason({
            type: r.type,
            v: r.v,
            payload: r.effect === null ? payload : undefined,
          });
    return {
      id: r.id,
      type: r.type,
      hlc: r.hlc,
      actor: r.actor,
      subject: r.subject,
      payload,
      effect: unread ? 'refused' : (r.effect ?? 'applied'),
      reason: unread ?? r.reason,
    };
  });
  const changes = await sql.all<{
    op_id: string;
    hlc: string;
    at: number;
    to_level: string;
    why: string;
    by: string | null;
  }>('SELECT op_id, hlc, at, to_level, why, by FROM staffing_changes WHERE at >= ? AND at < ?', [
    window.from,
    window.to,
  ]);
  const levels: TimelineEvent[] = changes.map((c) => ({
    opId: c.op_id,
    kind: 'staffing-level',
    at: c.at,
    recordedAt: Number(c.hlc.slice(0, 15)),
    actor: c.by ?? 'system',
    detail: { level: c.to_level, reason: c.why, byHand: c.by !== null },
    evidence: null,
    firstStatement: false,
  }));
  return projectTimeline(ops, levels, window);
}
