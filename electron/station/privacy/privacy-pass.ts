import type { Sql } from '../db/connection';
import type { Op } from '../ops/op';
import { canonicalJson } from '../ops/op-id';
import { itemHashOf, payloadHashOf } from '../ops/payload-hash';
import {
  addErasureCounts,
  contactOpsSince,
  deleteMentions,
  eachIngestItem,
  mentionsReferencedSince,
  noteErasedMentions,
  opsAboutErasedMentions,
  rewritePayload,
  roomIdOf,
  storedPayload,
  withholdPayloads,
  type IngestItemRow,
} from '../db/queries/privacy';
import { mentionIdOf } from '../mentions/mention-id';
import { hasContactDetails, itemIdentifiers } from '../../../shared/privacy/erasure-target';
import { retentionErases, type RetentionCutoffs } from '../../../shared/privacy/retention';
import { erasureKeyOf, mentionKeyOf } from './erasure-keys';
import { judgeErasures, type ActiveErasure } from './erasure-fold';
import { refoldRetention, retentionState } from './retention-fold';
import { hlcWallMs } from './hlc-wall';
import type { RoleHistory } from '../ops/reducers/roles';

/** What erasure and retention did in one batch. */
export type PrivacyApplied = {
  /** Ingest items erased in the log (their mentions removed). */
  erasedItems: number;
  /** Ops whose payload was withheld. */
  withheld: number;
  /** Mentions removed from the materialised tables. */
  mentionsRemoved: string[];
  /** Subjects to re-derive after withholding: messages, reviews, customer links. */
  refold: { messages: string[]; reviews: string[]; contacts: string[] };
  /**
   * True when bytes were dropped: the station merges the search index and compacts its files
   * after the commit (scrub.ts; a full-text merge per ingest batch cost ~50 ms at 100k mentions).
   */
  scrub: boolean;
};

/** Counts per cause: an erasure's id, or 'retention'. */
class Tally {
  readonly items = new Map<string, number>();
  readonly withheld = new Map<string, number>();
  add(map: Map<string, number>, id: string): void {
    map.set(id, (map.get(id) ?? 0) + 1);
  }
}

/**
 * Applies erasures and retention inside the batch's transaction, after its other effects: judges
 * new erasure and retention ops, then erases every matching ingest item in the stored log
 * (replaced by `{ erased: itemHash }`, so chains still verify), removes their mentions, and
 * withholds the payloads of ops that carry the person's data. A new rule scans the whole log; a
 * batch under rules already in force scans only what it brought (late arrivals are erased on
 * arrival). Returns null when nothing could apply.
 */
export async function applyPrivacy(
  tx: Sql,
  ops: readonly Op[],
  rowidBefore: number,
  roles: RoleHistory,
  opts: { operatorsChanged: boolean; isVoid: (op: Pick<Op, 'origin' | 'seq'>) => boolean },
): Promise<PrivacyApplied | null> {
  const { erasures, newlyApplied } = await judgeErasures(
    tx,
    ops.filter((o) => !opts.isVoid(o)),
    roles,
    opts.operatorsChanged,
  );
  const before = await retentionState(tx);
  const retention = ops.some((o) => o.type.startsWith('retention.'))
    ? await refoldRetention(tx, roles, opts.isVoid)
    : before;
  const cutoffsMoved =
    retention.applied.mentionsBefore !== before.applied.mentionsBefore ||
    retention.applied.contactsBefore !== before.applied.contactsBefore;
  const anyRule =
    erasures.length > 0 ||
    retention.applied.mentionsBefore !== null ||
    retention.applied.contactsBefore !== null;
  if (!anyRule) return null;

  // A new rule looks at the whole log; otherwise only at what this batch brought.
  const fullScan = newlyApplied.length > 0 || cutoffsMoved;
  const scanFrom = fullScan ? 0 : rowidBefore;
  const out: PrivacyApplied = {
    erasedItems: 0,
    withheld: 0,
    mentionsRemoved: [],
    refold: { messages: [], reviews: [], contacts: [] },
    scrub: false,
  };
  const tally = new Tally();
  const roomId = (await roomIdOf(tx)) ?? '';
  const mayMatch = fullScan || ops.some((o) => o.type === 'mention.ingest');
  const byErasure = new Map<string, string[]>();

  await tx.exec('PRAGMA secure_delete = ON');
  try {
    if (mayMatch) {
      const matched = await matchItems(tx, scanFrom, erasures, retention.applied, roomId);
      const byOp = new Map<string, { idx: number; cause: string }[]>();
      for (const m of matched) {
        const list = byOp.get(m.row.op_id);
        if (list) list.push({ idx: m.row.idx, cause: m.cause });
        else byOp.set(m.row.op_id, [{ idx: m.row.idx, cause: m.cause }]);
        const id = mentionIdOf(m.row.channel as never, m.row.external_id);
        out.mentionsRemoved.push(id);
        tally.add(tally.items, m.cause);
        if (m.cause !== 'retention') {
          const ids = byErasure.get(m.cause);
          if (ids) ids.push(id);
          else byErasure.set(m.cause, [id]);
        }
      }
      for (const [opId, items] of byOp) await eraseItems(tx, opId, items, ops);
      out.erasedItems = matched.length;
      out.mentionsRemoved = [...new Set(out.mentionsRemoved)];
      await deleteMentions(tx, out.mentionsRemoved);
      for (const [erasureId, ids] of byErasure) await noteErasedMentions(tx, erasureId, ids);
    }

    // Mentions the request named (by key) that replies or notes here are about, even where the
    // mention itself arrived already erased.
    if (erasures.some((e) => e.mentions.size > 0))
      for (const id of await mentionsReferencedSince(tx, fullScan ? 0 : rowidBefore)) {
        const key = mentionKeyOf(roomId, id);
        const e = erasures.find((x) => x.mentions.has(key));
        if (e) await noteErasedMentions(tx, e.id, [id]);
      }
    // Payloads about erased mentions (including ones arriving now, about mentions erased before).
    const withheld = new Map<string, string>();
    const about = await opsAboutErasedMentions(
      tx,
      out.erasedItems > 0 || fullScan ? 0 : rowidBefore,
    );
    for (const c of about) {
      withheld.set(c.id, 'erasure');
      if (c.type.startsWith('message.') && c.subject) out.refold.messages.push(c.subject);
      if (c.type.startsWith('retro.') && c.subject) out.refold.reviews.push(c.subject);
    }
    // Links between customers naming an erased identifier, or older than the contact cutoff.
    const keysOf = new Map<string, string>();
    const keyOf = (id: string) => {
      let k = keysOf.get(id);
      if (k === undefined) keysOf.set(id, (k = erasureKeyOf(roomId, id)));
      return k;
    };
    const contactsBefore = retention.applied.contactsBefore;
    for (const c of await contactOpsSince(tx, fullScan ? 0 : rowidBefore)) {
      const hit = erasures.find(
        (e) =>
          hlcWallMs(c.hlc) <= e.cutoffMs &&
          [c.a, c.b].some((id) => id !== null && e.keys.has(keyOf(id))),
      );
      const old = contactsBefore !== null && hlcWallMs(c.hlc) < Date.parse(contactsBefore);
      if (!hit && !old) continue;
      withheld.set(c.id, hit ? hit.id : 'retention');
      if (c.subject) out.refold.contacts.push(c.subject);
    }
    if (withheld.size > 0) {
      await withholdPayloads(tx, [...withheld.keys()]);
      for (const o of ops)
        if (withheld.has(o.id)) {
          o.payload = null;
          delete o.payloadJson;
        }
      // A message's or a link's whole record is withheld together; count by the first cause.
      const cause = [...byErasure.keys()][0] ?? erasures[0]?.id ?? 'retention';
      for (const [, c] of withheld) tally.add(tally.withheld, c === 'erasure' ? cause : c);
    }
    out.withheld = withheld.size;
    out.refold.messages = [...new Set(out.refold.messages)];
    out.refold.reviews = [...new Set(out.refold.reviews)];
    out.refold.contacts = [...new Set(out.refold.contacts)];
  } finally {
    await tx.exec('PRAGMA secure_delete = OFF');
  }
  const now = new Date().toISOString();
  const causes = new Set([...tally.items.keys(), ...tally.withheld.keys()]);
  for (const c of causes)
    await addErasureCounts(tx, c, tally.items.get(c) ?? 0, tally.withheld.get(c) ?? 0, now);
  out.scrub = out.erasedItems > 0 || out.withheld > 0;
  return out.scrub || newlyApplied.length > 0 || cutoffsMoved ? out : null;
}

type Match = { row: IngestItemRow; cause: string };

// Which items an erasure or retention takes. Identifier keys are hashed only for items old
// enough for some erasure (a live connector's new mentions hash nothing).
async function matchItems(
  tx: Sql,
  afterRowid: number,
  erasures: readonly ActiveErasure[],
  cutoffs: RetentionCutoffs,
  roomId: string,
): Promise<Match[]> {
  const retentionUntil = Math.max(
    cutoffs.mentionsBefore === null ? -Infinity : Date.parse(cutoffs.mentionsBefore),
    cutoffs.contactsBefore === null ? -Infinity : Date.parse(cutoffs.contactsBefore),
  );
  const until = Math.max(retentionUntil, ...erasures.map((e) => e.cutoffMs));
  if (!Number.isFinite(until)) return [];
  const out: Match[] = [];
  // An author writes many mentions: each identifier is hashed once per scan.
  const keyOf = new Map<string, string>();
  await eachIngestItem(tx, afterRowid, until, (row) => {
    const author = {
      mentionId: `${row.channel}:${row.external_id}`,
      channel: row.channel,
      handle: row.handle,
      email: row.email,
      phone: row.phone,
    };
    let keys: string[] | null = null;
    for (const e of erasures) {
      if (row.occurred_ms > e.cutoffMs) continue;
      keys ??= itemIdentifiers(author).map((id) => {
        let k = keyOf.get(id);
        if (k === undefined) keyOf.set(id, (k = erasureKeyOf(roomId, id)));
        return k;
      });
      if (keys.some((k) => e.keys.has(k))) {
        out.push({ row, cause: e.id });
        return;
      }
    }
    if (
      row.occurred_ms <= retentionUntil &&
      retentionErases(
        { occurredMs: row.occurred_ms, hasContactDetails: hasContactDetails(author) },
        cutoffs,
      )
    )
      out.push({ row, cause: 'retention' });
  });
  return out;
}

// Replaces items of one stored ingest op by their hashes, checking the payload hash still holds.
async function eraseItems(
  tx: Sql,
  opId: string,
  items: readonly { idx: number }[],
  batch: readonly Op[],
): Promise<void> {
  const stored = await storedPayload(tx, opId);
  if (!stored?.payload) return;
  const payload = JSON.parse(stored.payload) as { items: unknown[] };
  for (const { idx } of items) payload.items[idx] = { erased: itemHashOf(payload.items[idx]) };
  if (payloadHashOf(stored.type, payload) !== stored.payload_hash)
    throw new Error(`erasing items of op ${opId} would break its hash`);
  await rewritePayload(tx, opId, canonicalJson(payload));
  // The batch's own copy is what gets pushed to peers: it goes out erased too.
  const own = batch.find((o) => o.id === opId);
  if (own) {
    own.payload = payload;
    delete own.payloadJson;
  }
}
