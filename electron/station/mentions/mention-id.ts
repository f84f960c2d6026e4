import { sha256Hex } from '../ops/op-id';

/** A mention's id: stable for (channel, external id), so the same mention ingested twice is one (DECISIONS.md 7). */
export function mentionIdOf(channel: string, externalId: string): string {
  return 'm-' + sha256Hex(`${channel}\n${externalId}`).slice(0, 32);
}
