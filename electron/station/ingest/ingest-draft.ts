import type { MentionInput } from '../../../shared/domain/mention';
import { priorityOf } from '../../../shared/domain/priority';
import { enrich } from '../enrich/enrich';
import { canonicalJson, sha256Hex } from '../ops/op-id';
import type { OpDraft } from '../ops/op';
import { hashOfItemHashes } from '../ops/payload-hash';
import { withLazyPayload } from '../ops/lazy-payload';
import type { IngestItem, IngestSource } from '../ops/payloads';
import type { IngestRouter } from '../routing/ingest-router';

/** Most mentions one ingest op carries. */
export const ITEMS_PER_OP = 500;
/**
 * Most payload bytes one ingest op carries (a single larger mention gets an op of its own): ops
 * travel whole between stations, and socket.io refuses messages over 1 MB by default.
 */
export const BYTES_PER_OP = 256 * 1024;

/** A mention ready for the log: its enriched item, canonical JSON and hash. */
export type PreparedItem = { item: IngestItem; json: string; hash: string };

/**
 * Enriches one mention (language, sentiment, priority — computed once, here, and carried in the
 * op so every station shows the same values) and works out its canonical JSON and hash.
 */
export function prepareIngestItem(
  mention: MentionInput,
  line?: number,
  /** Routes the mention with the room's rules (routing/ingest-router.ts); none: not routed. */
  route?: IngestRouter,
): PreparedItem {
  const e = enrich(mention.text);
  const language = e.language;
  const priority = priorityOf(mention.text, mention.channel, e.sentiment);
  const sentiment = { label: e.sentiment.label, score: e.sentiment.score };
  // Keys in sorted order at every level (see canonicalJson): the item serialises without re-sorting.
  const item: IngestItem = {
    enrichment: route
      ? {
          language,
          priority,
          routing: route(mention, { language, priority, sentiment }),
          sentiment,
        }
      : { language, priority, sentiment },
    ...(line !== undefined && { line }),
    mention,
  };
  const json = canonicalJson(item);
  return { item, json, hash: sha256Hex(json) };
}

/** A batch of mentions ready to be one ingest op: its payload's canonical JSON and hash. */
export type PackedIngest = { payloadJson: string; payloadHash: string; items: number };

/**
 * Packs prepared mentions, as they come, into ingest payloads of at most ITEMS_PER_OP items and
 * about BYTES_PER_OP bytes each, with their canonical JSON and hash already assembled (pure: runs
 * in the import workers). Each payload is joined as soon as it is full, so the mentions' own
 * strings do not outlive it.
 */
export class IngestPacker {
  readonly packed: PackedIngest[] = [];
  private readonly sourceJson: string;
  private batch: PreparedItem[] = [];
  private bytes = 0;

  constructor(private readonly source: IngestSource) {
    this.sourceJson = canonicalJson(source);
  }

  add(p: PreparedItem): void {
    if (
      this.batch.length >= ITEMS_PER_OP ||
      (this.batch.length > 0 && this.bytes + p.json.length > BYTES_PER_OP)
    )
      this.flush();
    this.batch.push(p);
    this.bytes += p.json.length + 1;
  }

  /** Packs what is held; returns every payload packed so far. */
  finish(): PackedIngest[] {
    this.flush();
    return this.packed;
  }

  private flush(): void {
    const batch = this.batch;
    if (batch.length === 0) return;
    this.packed.push({
      // "items" sorts before "source": this concatenation is the canonical JSON.
      payloadJson: `{"items":[${batch.map((p) => p.json).join(',')}],"source":${this.sourceJson}}`,
      payloadHash: hashOfItemHashes(
        { source: this.source },
        batch.map((p) => p.hash),
      ),
      items: batch.length,
    });
    this.batch = [];
    this.bytes = 0;
  }
}

/** Packs prepared mentions into ingest payloads (see IngestPacker). */
export function packIngest(items: readonly PreparedItem[], source: IngestSource): PackedIngest[] {
  const packer = new IngestPacker(source);
  for (const p of items) packer.add(p);
  return packer.finish();
}

/**
 * The op draft for a packed ingest payload. Its payload object is parsed only if something reads
 * it (a peer being sent the op): the station stores the JSON as it is and derives mentions from
 * it in SQL, and parsing every import's payloads cost the station's thread ~6 µs a mention.
 */
export function draftOfPacked(p: PackedIngest, actor: string): OpDraft {
  return withLazyPayload(
    {
      type: 'mention.ingest',
      v: 2,
      actor,
      subject: null,
      payload: null,
      payloadJson: p.payloadJson,
      payloadHash: p.payloadHash,
      payloadItems: p.items,
    },
    p.payloadJson,
  );
}

/** Ingest drafts for prepared mentions (see packIngest). */
export function ingestDrafts(
  items: readonly PreparedItem[],
  actor: string,
  source: IngestSource,
): OpDraft[] {
  return packIngest(items, source).map((p) => draftOfPacked(p, actor));
}

/** The draft that brings in one mention (a manual entry, a webhook). */
export function ingestDraft(
  mention: MentionInput,
  actor: string,
  source: IngestSource,
  route?: IngestRouter,
): OpDraft {
  return ingestDrafts([prepareIngestItem(mention, undefined, route)], actor, source)[0] as OpDraft;
}
