import { sha256Hex } from '../ops/op-id';

/**
 * The salted hash an erasure names an identifier by: SHA-256 of the room id and the identifier.
 * The room id salts it, so the same person's keys differ between rooms and no precomputed table
 * of handles applies; within the room a key confirms a guessed identifier but never reveals one.
 */
export function erasureKeyOf(roomId: string, identifier: string): string {
  return sha256Hex(`holdline-erasure\u0000${roomId}\u0000${identifier}`);
}

/** The salted hash (128 bits) an erasure names one of the person's mentions by. */
export function mentionKeyOf(roomId: string, mentionId: string): string {
  return erasureKeyOf(roomId, `mention-id:${mentionId}`).slice(0, 32);
}
