import type { Sql } from '../db/connection';
import { backlogPeaks, backlogPerInterval } from '../../../shared/analytics/backlog';
import {
  alertToStatementSeconds,
  approvalTurnaround,
  outcomes,
} from '../../../shared/analytics/outcomes';
import {
  firstResponse,
  firstResponseBy,
  priorityBand,
  responseHistogram,
} from '../../../shared/analytics/response';
import type {
  ReviewApproval,
  ReviewStaffingSample,
  TimeWindow,
} from '../../../shared/analytics/review-input';
import { reach, sentimentPerInterval, sentimentPhases } from '../../../shared/analytics/sentiment';
import { staffingPerInterval } from '../../../shared/analytics/staffing-figures';
import { volumePerInterval } from '../../../shared/analytics/volume';
import type { ReviewReport, ReviewScope } from '../../../shared/analytics/review-report';
import { topicMatcher, UnknownTopicError } from '../../../shared/analytics/review-topics';
import { parseRoutingRules } from '../../../shared/routing/parse-routing-rules';
import { CommandError } from '../mentions/commands';
import { rulesInForce } from '../routing/rules-service';
import { reviewMentions } from './review-mentions';
import { reviewTimeline } from './review-timeline';

const hlcAt = (ms: number) => String(Math.max(0, Math.floor(ms))).padStart(15, '0');
const wallOf = (hlc: string) => Number(hlc.slice(0, 15));

/**
 * Whether a mention's text is in the scope's topics, as the room's routing rules in force define
 * them (null without topics). A topic they do not define is refused with the ones they do.
 */
async function topicsOf(sql: Sql, scope: ReviewScope): Promise<((text: string) => boolean) | null> {
  if (!scope.topics || scope.topics.length === 0) return null;
  const rules = await rulesInForce(sql);
  const parsed = parseRoutingRules(rules.yaml, rules.file);
  if (!parsed.ok) throw new Error(`the routing rules in force do not parse (${rules.file})`);
  try {
    return topicMatcher(parsed.rules, scope.topics);
  } catch (err) {
    if (err instanceof UnknownTopicError) throw new CommandError('invalid', err.message);
    throw err;
  }
}

async function approvalsIn(sql: Sql, w: TimeWindow): Promise<ReviewApproval[]> {
  const rows = await sql.all<{ id: string; submitted: string; approved_hlc: string | null }>(
    `SELECT m.id, s.hlc AS submitted, m.approved_hlc FROM messages m
     JOIN (SELECT subject, min(hlc) AS hlc FROM ops
           WHERE type = 'message.draft' AND payload ->> '$.submit' = 1 GROUP BY subject) s
       ON s.subject = m.id
     WHERE s.hlc >= ? AND s.hlc < ?`,
    [hlcAt(w.from), hlcAt(w.to)],
  );
  return rows.map((r) => ({
    messageId: r.id,
    submittedAt: wallOf(r.submitted),
    approvedAt: r.approved_hlc === null ? null : wallOf(r.approved_hlc),
  }));
}

async function staffingSamplesIn(sql: Sql, w: TimeWindow): Promise<ReviewStaffingSample[]> {
  const rows = await sql.all<{ at: number; needed: number; present: number }>(
    `SELECT payload ->> '$.at' AS at, payload ->> '$.measurements.neededHeadcount' AS needed,
       payload ->> '$.measurements.presentHeadcount' AS present
     FROM ops WHERE subject = 'staffing' AND type = 'staffing.sample' AND hlc >= ? AND hlc < ?`,
    [hlcAt(w.from), hlcAt(w.to)],
  );
  return rows.filter((r) => r.at >= w.from && r.at < w.to);
}

/**
 * Builds a review: the scope's mentions projected once, then every KPI of shared/analytics over
 * them, and the timeline. `asOf` is when the review looks (unanswered mentions still inside their
 * target are undecided).
 */
export async function buildReview(
  sql: Sql,
  scope: ReviewScope,
  opts: { intervalMs: number; targetSeconds: number; asOf: number },
): Promise<ReviewReport> {
  const inTopics = await topicsOf(sql, scope);
  const mentions = await reviewMentions(sql, scope, inTopics ? { inTopics } : {});
  const timeline = await reviewTimeline(sql, scope);
  const firstAlert = timeline.find((e) => e.kind === 'alert')?.at ?? null;
  const firstStatement = timeline.find((e) => e.firstStatement)?.at ?? null;
  const { targetSeconds, asOf } = opts;
  return {
    scope,
    intervalMs: opts.intervalMs,
    targetSeconds,
    volume: volumePerInterval(mentions, scope, opts.intervalMs, (m) => m.channel),
    sentimentSeries: sentimentPerInterval(mentions, scope, opts.intervalMs),
    backlogSeries: backlogPerInterval(mentions, scope, opts.intervalMs),
    responseHistogram: responseHistogram(mentions),
    response: firstResponse(mentions, targetSeconds, asOf),
    responseBy: {
      channel: firstResponseBy(mentions, (m) => m.channel, targetSeconds, asOf),
      department: firstResponseBy(mentions, (m) => m.department ?? '—', targetSeconds, asOf),
      priority: firstResponseBy(mentions, (m) => priorityBand(m.priority), targetSeconds, asOf),
    },
    backlog: backlogPeaks(mentions, scope),
    outcomes: outcomes(mentions),
    approvals: approvalTurnaround(await approvalsIn(sql, scope)),
    alertToStatementSeconds: alertToStatementSeconds(firstAlert, firstStatement),
    sentiment: sentimentPhases(mentions, scope.incident ?? scope),
    reach: reach(mentions),
    staffing: staffingPerInterval(await staffingSamplesIn(sql, scope), scope, opts.intervalMs),
    timeline,
  };
}
