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
 * Most payload bytes (UTF-8) one ingest op carries (a single larger mention gets an op of its
 * own): ops travel whole between stations, and socket.io refuses messages over 1 MB by default.
 */
export const BYTES_PER_OP = 256 * 1024;

/** A mention ready for the log: its enriched item, its canonical JSON as UTF-8, and its hash. */
export type PreparedItem = { item: IngestItem; utf8: Buffer; hash: string };

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
  const utf8 = Buffer.from(canonicalJson(item), 'utf8');
  return { item, utf8, hash: sha256Hex(utf8) };
}

/**
 * A batch of mentions ready to be one ingest op: its payload's canonical JSON as UTF-8 bytes (in
 * a buffer of its own, so a worker can hand it over without a copy) and its hash.
 */
export type PackedIngest = { payloadJson: Buffer; payloadHash: string; items: number };

/**
 * Packs prepared mentions, as they come, into ingest payloads of at most ITEMS_PER_OP items and
 * about BYTES_PER_OP bytes each, with their canonical JSON and hash already assembled (pure: runs
 * in the import workers). Each payload is assembled as soon as it is full, so the mentions' own
 * bytes do not outlive it.
 *
 * Payloads are UTF-8 bytes, not strings: an import worker transfers them to the station's thread
 * without a copy, and SQLite stores them as they are. Joining 500 items into one string, cloning
 * it across threads and encoding it again for SQLite cost ~15 µs of CPU a mention (bench/ingest).
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
      (this.batch.length > 0 && this.bytes + p.utf8.length > BYTES_PER_OP)
    )
      this.flush();
    this.batch.push(p);
    this.bytes += p.utf8.length + 1;
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
      payloadJson: joinItems('{"items":[', batch, `],"source":${this.sourceJson}}`),
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

/** `head`, the items' bytes separated by commas, and `tail`, in a buffer of its own. */
function joinItems(head: string, items: readonly PreparedItem[], tail: string): Buffer {
  let size = Buffer.byteLength(head) + Buffer.byteLength(tail) + Math.max(0, items.length - 1);
  for (const p of items) size += p.utf8.length;
  // allocUnsafeSlow: not a slice of Node's shared pool, so handing it over moves nothing else.
  const out = Buffer.allocUnsafeSlow(size);
  let at = out.write(head, 0);
  items.forEach((p, i) => {
    if (i > 0) out[at++] = 0x2c; // ','
    at += p.utf8.copy(out, at);
  });
  out.write(tail, at);
  return out;
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
