import type { Sql } from '../db/connection';
import {
  contactFigures,
  contactHistory,
  contactMentionIds,
  identifiersBeside,
  identifiersOfMention,
  identifiersOfRow,
  signalsOf,
} from '../db/queries/contacts';
import { contactLinksTouching, type ContactLinkRow } from '../db/queries/contact-links';
import { mentionsByIds } from '../db/queries/mention-reads';
import { operatorById } from '../db/queries/people';
import { describeIdentifier, identifiersOf, pairOf } from '../../../shared/contacts/identifiers';
import type {
  ContactLinkView,
  ContactSuggestion,
  ContactSummary,
  ContactView,
} from '../../../shared/contract/contacts';
import type { Mention } from '../../../shared/domain/mention';

/** A customer read whole has at most this many identifiers; past it, the view says truncated. */
export const MAX_CONTACT_IDENTIFIERS = 500;
/** Suggestions offered for one customer at a time. */
export const MAX_SUGGESTIONS = 5;

/**
 * The identifiers of the customer holding `start`: breadth-first over the mentions sharing an
 * identifier and the merged links, one SQL round per step — the same component
 * shared/contacts/contact-graph.ts names, read a customer at a time instead of all at once.
 */
export async function contactIdentifiers(
  sql: Sql,
  start: readonly string[],
  cap = MAX_CONTACT_IDENTIFIERS,
): Promise<{ identifiers: string[]; truncated: boolean }> {
  const known = new Set(start);
  let frontier = [...start];
  let truncated = false;
  while (frontier.length > 0) {
    const next: string[] = [];
    const add = (id: string) => {
      if (known.has(id)) return;
      known.add(id);
      next.push(id);
    };
    for (const row of await identifiersBeside(sql, frontier)) identifiersOfRow(row).forEach(add);
    for (const link of await contactLinksTouching(sql, frontier, 'merged')) {
      add(link.a);
      add(link.b);
    }
    if (known.size >= cap) {
      truncated = next.length > 0;
      break;
    }
    frontier = next;
  }
  return { identifiers: [...known].sort(), truncated };
}

/** True when the two identifiers belong to one customer now. */
export async function oneCustomer(sql: Sql, a: string, b: string): Promise<boolean> {
  return (await contactIdentifiers(sql, [a])).identifiers.includes(b);
}

/**
 * True when a mention held here is known by this identifier. A `mention:` identifier only names a
 * mention whose author left no other: a link naming one of a mention with a handle would be
 * found from one side only.
 */
export async function identifierHeld(sql: Sql, id: string): Promise<boolean> {
  return (await identifiersBeside(sql, [id])).some((row) => identifiersOfRow(row).includes(id));
}

async function summaryOf(
  sql: Sql,
  identifiers: string[],
  truncated: boolean,
): Promise<ContactSummary> {
  const figures = await contactFigures(sql, identifiers);
  return {
    id: identifiers[0] as string,
    name: figures.name,
    location: figures.location,
    identifiers: identifiers.map((id) => ({ id, ...describeIdentifier(id) })),
    byChannel: figures.byChannel,
    total: Object.values(figures.byChannel).reduce((s, n) => s + n, 0),
    truncated,
  };
}

/** A link as desks show it, with the names of who decided. */
export async function linkView(sql: Sql, row: ContactLinkRow): Promise<ContactLinkView> {
  const name = async (id: string | null) =>
    id === null ? null : ((await operatorById(sql, id))?.display_name ?? id);
  return {
    a: row.a,
    b: row.b,
    state: row.state,
    signal: row.signal,
    byName: (await name(row.by)) ?? row.by,
    at: new Date(Number(row.hlc.slice(0, 15))).toISOString(),
    mergeOp: row.merge_op,
    mergedBy: row.merged_by,
  };
}

/** Mentions by id, in the order of the ids. */
async function mentionsInOrder(sql: Sql, ids: readonly string[]): Promise<Mention[]> {
  const byId = new Map((await mentionsByIds(sql, ids)).map((m) => [m.id, m]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** The customer behind a mention with a page of their mentions, newest first; null if not held. */
export async function readContact(
  sql: Sql,
  mentionId: string,
  offset: number,
  limit: number,
): Promise<ContactView | null> {
  const start = await identifiersOfMention(sql, mentionId);
  if (start.length === 0) return null;
  const { identifiers, truncated } = await contactIdentifiers(sql, start);
  const links: ContactLinkView[] = [];
  for (const row of await contactLinksTouching(sql, identifiers))
    links.push(await linkView(sql, row));
  return {
    ...(await summaryOf(sql, identifiers, truncated)),
    mentions: await mentionsInOrder(sql, await contactMentionIds(sql, identifiers, offset, limit)),
    offset,
    limit,
    links,
  };
}

/**
 * Other customers that may be this mention's customer: the same name and place, or a reply
 * thread between them, newest evidence first; never one already merged with it, nor one an
 * operator dismissed or unmerged from it. Null when the mention is not held.
 */
export async function suggestionsFor(
  sql: Sql,
  mentionId: string,
  max = MAX_SUGGESTIONS,
): Promise<ContactSuggestion[] | null> {
  const start = await identifiersOfMention(sql, mentionId);
  if (start.length === 0) return null;
  const ours = new Set((await contactIdentifiers(sql, start)).identifiers);
  const settled = (await contactLinksTouching(sql, [...ours])).filter((l) => l.state !== 'merged');
  const seen = new Set<string>();
  const found: (Omit<ContactSuggestion, 'ours' | 'theirs'> & { ours: string; theirs: string })[] =
    [];
  for (const row of await signalsOf(sql, [...ours])) {
    const theirs = identifiersOfRow(row);
    if (theirs.some((id) => ours.has(id) || seen.has(id))) continue;
    const other = await contactIdentifiers(sql, theirs);
    other.identifiers.forEach((id) => seen.add(id));
    const otherSet = new Set(other.identifiers);
    if (other.identifiers.some((id) => ours.has(id))) continue;
    const decided = settled.some(
      (l) => (ours.has(l.a) && otherSet.has(l.b)) || (ours.has(l.b) && otherSet.has(l.a)),
    );
    if (decided) continue;
    const mine = identifiersOfRow({ h: row.oh, e: row.oe, p: row.op, x: row.ox })[0];
    if (mine === undefined || theirs[0] === undefined) continue;
    found.push({
      ...pairOf(mine, theirs[0]),
      signal: row.signal,
      ours: row.ours,
      theirs: row.theirs,
      other: await summaryOf(sql, other.identifiers, other.truncated),
    });
    if (found.length >= max) break;
  }
  const byId = new Map(
    (await mentionsByIds(sql, [...new Set(found.flatMap((f) => [f.ours, f.theirs]))])).map((m) => [
      m.id,
      m,
    ]),
  );
  return found.flatMap((f) => {
    const o = byId.get(f.ours);
    const t = byId.get(f.theirs);
    return o && t ? [{ ...f, ours: o, theirs: t }] : [];
  });
}

/**
 * What routing reads of a new mention's author (manual entry, webhook): the mentions of their
 * customer across channels, and where the latest went. An author known by nothing (a name typed
 * for a caller) has no history.
 */
export async function customerHistoryOf(
  sql: Sql,
  mention: {
    channel: string;
    author: { handle: string; email?: string | undefined; phone?: string | undefined };
  },
): Promise<{ mentions: number; lastDepartment: string | null }> {
  const own = identifiersOf({
    mentionId: 'new',
    channel: mention.channel,
    handle: mention.author.handle,
    email: mention.author.email,
    phone: mention.author.phone,
  }).filter((id) => !id.startsWith('mention:'));
  if (own.length === 0) return { mentions: 0, lastDepartment: null };
  return contactHistory(sql, (await contactIdentifiers(sql, own)).identifiers);
}
