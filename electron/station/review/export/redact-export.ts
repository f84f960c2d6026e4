import type { Sql } from '../../db/connection';
import { listOperators } from '../../db/queries/people';
import type { TimeWindow } from '../../../../shared/analytics/review-input';
import type { TimelineEvent } from '../../../../shared/analytics/timeline';
import type { Retrospective } from '../../../../shared/review/retrospective';
import type { ExportMention } from './export-mentions';
import type { ReviewExport } from './export-model';
import type { PublicSend } from './export-sends';
import { Redactor, type Customer } from './redaction';

type AuthorRow = {
  handle: string;
  first_in: number | null;
  first: number;
  names: string;
  emails: string;
  phones: string;
};

const listOf = (json: string) =>
  (JSON.parse(json) as (string | null)[]).filter((s): s is string => typeof s === 'string');

/**
 * The redactor of a room: every mention author is a customer, numbered in the order they first
 * wrote in the window, then everybody else in the order they first wrote at all (so the same
 * review gets the same pseudonyms in every format). Staff names and usernames are kept.
 */
export async function redactorFor(sql: Sql, window: TimeWindow): Promise<Redactor> {
  const rows = await sql.all<AuthorRow>(
    `SELECT author_handle AS handle,
       min(CASE WHEN occurred_ms >= ? AND occurred_ms < ? THEN occurred_ms END) AS first_in,
       min(occurred_ms) AS first,
       json_group_array(DISTINCT author_name) AS names,
       json_group_array(DISTINCT author_email) AS emails,
       json_group_array(DISTINCT author_phone) AS phones
     FROM mentions GROUP BY author_handle`,
    [window.from, window.to],
  );
  rows.sort(
    (a, b) =>
      (a.first_in === null ? 1 : 0) - (b.first_in === null ? 1 : 0) ||
      (a.first_in ?? a.first) - (b.first_in ?? b.first) ||
      (a.handle < b.handle ? -1 : a.handle > b.handle ? 1 : 0),
  );
  const customers: Customer[] = rows.map((r) => ({
    handle: r.handle,
    names: listOf(r.names),
    emails: listOf(r.emails),
    phones: listOf(r.phones),
  }));
  const staff = (await listOperators(sql)).flatMap((o) => [o.display_name, o.username]);
  return new Redactor(customers, staff);
}

/** A mention with its author pseudonymised and its text redacted. */
export function redactMention(m: ExportMention, r: Redactor): ExportMention {
  return {
    ...m,
    id: r.text(m.id),
    authorHandle: r.pseudonym(m.authorHandle),
    authorName: null,
    authorEmail: null,
    authorPhone: null,
    text: r.text(m.text),
  };
}

function redactEvent(e: TimelineEvent, r: Redactor): TimelineEvent {
  const detail: TimelineEvent['detail'] = {};
  for (const [k, v] of Object.entries(e.detail)) detail[k] = typeof v === 'string' ? r.text(v) : v;
  return {
    ...e,
    detail,
    evidence: e.evidence && { ...e.evidence, id: r.text(e.evidence.id) },
  };
}

function redactRetro(retro: Retrospective, r: Redactor): Retrospective {
  const sections: Retrospective['sections'] = {};
  for (const [k, s] of Object.entries(retro.sections))
    sections[k as keyof Retrospective['sections']] = { ...s, text: r.text(s.text) };
  return {
    ...retro,
    title: r.text(retro.title),
    sections,
    actions: retro.actions.map((a) => ({ ...a, text: r.text(a.text), owner: r.maybe(a.owner) })),
    annotations: retro.annotations.map((a) => ({ ...a, text: r.text(a.text) })),
    pins: retro.pins.map((p) => ({ ...p, mentionId: r.text(p.mentionId), note: r.maybe(p.note) })),
  };
}

function redactSend(s: PublicSend, r: Redactor): PublicSend {
  const to = s.toHandle === null ? null : r.pseudonym(s.toHandle);
  return {
    ...s,
    audience: r.maybe(s.audience),
    mentionId: r.maybe(s.mentionId),
    toHandle: to,
    // A wave answer was personalised with the author's name or handle: both are the customer's.
    recipient: s.recipient && { ...s.recipient, author: to ?? r.text(s.recipient.author) },
    text: r.text(s.text),
  };
}

/** The export with every customer's identity replaced (see redaction.ts for what that covers). */
export function redactExport(x: ReviewExport, r: Redactor): ReviewExport {
  return {
    ...x,
    redacted: true,
    title: r.text(x.title),
    report: { ...x.report, timeline: x.report.timeline.map((e) => redactEvent(e, r)) },
    retro: x.retro && redactRetro(x.retro, r),
    pins: x.pins.map(({ pin, mention }) => ({
      pin: { ...pin, mentionId: r.text(pin.mentionId), note: r.maybe(pin.note) },
      mention: mention && redactMention(mention, r),
    })),
    sends: x.sends.map((s) => redactSend(s, r)),
  };
}
