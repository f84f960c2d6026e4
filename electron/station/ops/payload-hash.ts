import { canonicalJson, sha256Hex } from './op-id';

/** Op types whose payload is a list of items hashed one by one (so one item can be erased). */
const ITEMISED = new Set(['mention.ingest']);

/** The hash of one item of an itemised payload; an erased item is its recorded hash. */
export function itemHashOf(item: unknown): string {
  if (
    typeof item === 'object' &&
    item !== null &&
    'erased' in item &&
    Object.keys(item).length === 1
  )
    return String((item as { erased: unknown }).erased);
  return sha256Hex(canonicalJson(item));
}

/**
 * The payload hash an op's header carries (DECISIONS.md 1): SHA-256 of the canonical payload.
 * For itemised payloads (ingest batches) the `items` list is hashed as the list of its items'
 * hashes, so erasing one mention's personal data (replacing it by `{ erased: hash }`) leaves
 * every hash and signature verifiable.
 */
export function payloadHashOf(type: string, payload: unknown): string {
  if (ITEMISED.has(type) && isItemised(payload))
    return hashOfItemHashes(payload, payload.items.map(itemHashOf));
  return sha256Hex(canonicalJson(payload));
}

/** The payload hash from item hashes already worked out (the ingest path hashes items as it reads). */
export function hashOfItemHashes(payload: object, itemHashes: readonly string[]): string {
  return sha256Hex(canonicalJson({ ...payload, items: itemHashes }));
}

function isItemised(p: unknown): p is { items: unknown[] } {
  return typeof p === 'object' && p !== null && Array.isArray((p as { items?: unknown }).items);
}
