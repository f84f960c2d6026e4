/**
 * The op catalogue: every op type this build interprets, at which schema versions (DECISIONS.md
 * 1: `v` is the op type's schema version). An op outside it — a type or version from a newer
 * build — is stored, chained and forwarded but has no effect here (DECISIONS.md 2); the review
 * and the mention history show it as refused with the reason below, the same on every station
 * of this build. A newer build that knows it applies it.
 */
import { createHash } from 'node:crypto';
import { PAYLOADS } from './payloads';

/** `type@v`: one entry of the catalogue. */
export const opKey = (type: string, v: number): string => `${type}@${v}`;

/** Every `type@v` this build interprets, sorted. */
export const OP_KEYS: readonly string[] = Object.entries(PAYLOADS)
  .flatMap(([type, versions]) => Object.keys(versions).map((v) => opKey(type, Number(v))))
  .sort();

/**
 * The catalogue's fingerprint (12 hex digits of SHA-256 over the sorted entries): two builds
 * that show the same one interpret the same ops. The schemas behind it are pinned by
 * op-schemas.json (op-catalogue.test.ts), so a changed schema cannot hide behind the same entry.
 */
export const CATALOGUE_VERSION = createHash('sha256')
  .update(OP_KEYS.join('\n'))
  .digest('hex')
  .slice(0, 12);

/** What a build says about its catalogue to peers and in `holdline stats`. */
export type CatalogueInfo = { version: string; ops: readonly string[] };

/** This build's catalogue. */
export const OWN_CATALOGUE: CatalogueInfo = { version: CATALOGUE_VERSION, ops: OP_KEYS };

/** Whether this build interprets ops of `type` at version `v` (payload not checked). */
export function isKnownOp(type: string, v: number): boolean {
  // Looked up without building the key: folds ask this for every op they read.
  const versions = Object.hasOwn(PAYLOADS, type) ? PAYLOADS[type] : undefined;
  return versions !== undefined && Object.hasOwn(versions, v);
}

/** The reason an op of a type or version this build does not know is refused. */
export function newerVersionReason(type: string, v: number): string {
  return `needs a newer version of Holdline (op ${type} v${v})`;
}

/**
 * Why this build cannot interpret a stored op, or null when it can: an unknown type, a known
 * type at a version it does not know, or (when the payload is at hand) a payload that fails its
 * version's schema. A withheld payload (null: erased or redacted) is not a problem here.
 */
export function uninterpretedReason(op: {
  type: string;
  v: number;
  payload?: unknown;
}): string | null {
  const schema = PAYLOADS[op.type]?.[op.v];
  if (!schema) {
    const known = PAYLOADS[op.type];
    const newest = known ? Math.max(...Object.keys(known).map(Number)) : 0;
    // A version older than the newest known one that this build no longer lists.
    if (known && op.v < newest)
      return `this version of Holdline does not read op ${op.type} v${op.v}`;
    return newerVersionReason(op.type, op.v);
  }
  if (op.payload === undefined || op.payload === null) return null;
  return schema.safeParse(op.payload).success
    ? null
    : `its payload does not match op ${op.type} v${op.v} as this version of Holdline reads it`;
}
