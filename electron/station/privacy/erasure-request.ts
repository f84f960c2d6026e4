import { randomBytes } from 'node:crypto';
import type { Sql } from '../db/connection';
import type { StationCore } from '../core/core';
import {
  countOpsAboutMentions,
  erasureConfirmations,
  erasureCounts,
  erasureRows,
  mentionsByAuthor,
  mentionsByIdentifiers,
  roomIdOf,
  type AuthorRow,
} from '../db/queries/privacy';
import { listOperators, listStations } from '../db/queries/people';
import { ErasureAppliedV1 } from '../ops/privacy-payloads';
import { contactIdentifiers } from '../contacts/contact-reader';
import { identifiersOf } from '../../../shared/contacts/identifiers';
import { authorIdentifier, itemIdentifiers } from '../../../shared/privacy/erasure-target';
import type { ErasurePreview, ErasureTarget, ErasureView } from '../../../shared/contract/privacy';
import { erasureKeyOf, mentionKeyOf } from './erasure-keys';
import { backupsBefore } from './backups-before';
import { hlcToIso } from '../../../shared/sync/hlc';
import { SYSTEM_ACTOR } from '../ops/op';

/** Refused erasure requests (unknown author, a reference naming the person). */
export class ErasureRefused extends Error {
  constructor(
    readonly code: 'invalid' | 'not-found',
    message: string,
  ) {
    super(message);
  }
}

const asRow = (r: AuthorRow) => ({
  mentionId: r.id,
  channel: r.channel,
  handle: r.author_handle,
  email: r.author_email,
  phone: r.author_phone,
});

/**
 * The person an erasure is about, found on this station: their mentions and every identifier
 * that names them. By author: that handle on that channel. As a customer: every identifier
 * linked to them across channels (shared/contacts), email addresses and phone numbers included.
 * The identifiers stay in memory; only their salted hashes go into the op.
 */
export async function findPerson(
  sql: Sql,
  target: ErasureTarget,
): Promise<{ identifiers: string[]; mentions: AuthorRow[] }> {
  const author = authorIdentifier(target.channel, target.handle);
  const key = author.slice(`author:${target.channel}:`.length);
  const own = await mentionsByAuthor(sql, target.channel, key);
  if (own.length === 0)
    throw new ErasureRefused('not-found', 'no mentions by that author on that channel here');
  // The author's handle as customer links name it (handle:CHANNEL:Handle) goes too, so a link
  // naming it is withheld; their email and phone only go with the whole customer.
  const handles = own.flatMap((r) =>
    identifiersOf(asRow(r)).filter((i) => i.startsWith('handle:')),
  );
  if (!target.customer)
    return { identifiers: [...new Set([author, ...handles])].sort(), mentions: own };
  const start = [...new Set(own.flatMap((r) => identifiersOf(asRow(r))))];
  const { identifiers } = await contactIdentifiers(sql, start);
  const mentions = await mentionsByIdentifiers(sql, identifiers);
  const all = new Set([author, ...identifiers]);
  for (const m of mentions) for (const id of itemIdentifiers(asRow(m))) all.add(id);
  const seen = new Set<string>();
  return {
    identifiers: [...all].sort(),
    mentions: [...own, ...mentions].filter((m) => !seen.has(m.id) && Boolean(seen.add(m.id))),
  };
}

/** What an erasure of `target` would take on this station. */
export async function previewErasure(
  core: StationCore,
  target: ErasureTarget,
): Promise<ErasurePreview> {
  const person = await findPerson(core.read, target);
  const ids = person.mentions.map((m) => m.id);
  return {
    mentions: ids.length,
    identifiers: person.identifiers.length,
    channels: [...new Set(person.mentions.map((m) => m.channel))].sort(),
    withheld: await countOpsAboutMentions(core.read, ids),
    backupsBefore: backupsBefore(core.dataDir, core.stationId, Date.now()),
  };
}

/** Records an erasure.request op for `target` by `actor`; returns the erasure's id. */
export async function requestErasure(
  core: StationCore,
  actor: string,
  target: ErasureTarget & { reference: string },
): Promise<string> {
  // The record keeps the reference in plain: it must not name the person.
  const bare = target.handle.trim().replace(/^@+/, '').toLowerCase();
  if (bare.length >= 3 && target.reference.toLowerCase().includes(bare))
    throw new ErasureRefused(
      'invalid',
      'the reference must not name the person (use a ticket or case number)',
    );
  const person = await findPerson(core.db, target);
  const roomId = (await roomIdOf(core.db)) ?? '';
  const erasureId = randomBytes(16).toString('hex');
  await core.commit([
    {
      type: 'erasure.request',
      v: 1,
      actor,
      subject: erasureId,
      payload: {
        erasureId,
        keys: [...new Set(person.identifiers.map((id) => erasureKeyOf(roomId, id)))].sort(),
        mentions: person.mentions
          .slice(0, 5000)
          .map((m) => mentionKeyOf(roomId, m.id))
          .sort(),
        cutoff: new Date().toISOString(),
        reference: target.reference,
        items: person.mentions.length,
      },
    },
  ]);
  return erasureId;
}

/** Every erasure recorded in the room, newest first, with what it erased here. */
export async function listErasures(core: StationCore): Promise<ErasureView[]> {
  const [rows, counts, operators, stations, confirmations] = await Promise.all([
    erasureRows(core.read),
    erasureCounts(core.read),
    listOperators(core.read),
    listStations(core.read),
    erasureConfirmations(core.read),
  ]);
  // The first confirmation of each station for each erasure.
  const confirmed = new Map<string, { at: string; items: number; withheld: number }>();
  for (const c of confirmations) {
    const p = ErasureAppliedV1.safeParse(c.payload === null ? null : JSON.parse(c.payload));
    const key = p.success ? `${p.data.erasureId}/${c.origin}` : null;
    if (p.success && key && !confirmed.has(key))
      confirmed.set(key, { at: hlcToIso(c.hlc), items: p.data.items, withheld: p.data.withheld });
  }
  const names = new Map(operators.map((o) => [o.id, o.username]));
  return rows.map((r) => {
    const here = counts.get(r.id);
    const at = hlcToIso(r.hlc);
    return {
      id: r.id,
      requestedBy: names.get(r.actor) ?? r.actor,
      requestedAt: at,
      reference: r.reference,
      identifiers: (JSON.parse(r.keys) as string[]).filter((k) => k.length === 64).length,
      requestedItems: r.requested_items,
      effect: r.effect,
      reason: r.reason,
      here: {
        items: here?.items ?? 0,
        withheld: here?.withheld ?? 0,
        lastAt: here?.last_at ?? null,
      },
      backupsBefore: backupsBefore(core.dataDir, core.stationId, Date.parse(at)),
      stations: stations.map((st) => {
        const c = confirmed.get(`${r.id}/${st.id}`);
        return {
          stationId: st.id,
          name: st.name,
          confirmedAt: c?.at ?? null,
          items: c?.items ?? 0,
          withheld: c?.withheld ?? 0,
        };
      }),
    };
  });
}

/**
 * Records this station's erasure.applied for every erasure in force it has not confirmed yet
 * (called after a scrub: the bytes are gone). Returns how many it confirmed.
 */
export async function confirmErasures(core: StationCore): Promise<number> {
  const [rows, counts, confirmations] = await Promise.all([
    erasureRows(core.db),
    erasureCounts(core.db),
    erasureConfirmations(core.db),
  ]);
  const mine = new Set<string>();
  for (const c of confirmations) {
    if (c.origin !== core.stationId || c.payload === null) continue;
    const p = ErasureAppliedV1.safeParse(JSON.parse(c.payload));
    if (p.success) mine.add(p.data.erasureId);
  }
  const drafts = rows
    .filter((r) => r.effect === 'applied' && !mine.has(r.id))
    .map((r) => ({
      type: 'erasure.applied',
      v: 1,
      actor: SYSTEM_ACTOR,
      subject: r.id,
      payload: {
        erasureId: r.id,
        items: counts.get(r.id)?.items ?? 0,
        withheld: counts.get(r.id)?.withheld ?? 0,
      },
    }));
  if (drafts.length > 0) await core.commit(drafts);
  return drafts.length;
}
