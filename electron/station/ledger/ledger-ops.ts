import { MESSAGE_OPS } from '../../../shared/messaging/message-state';

/**
 * The approved-messaging record's op types ("who approved which words, when"): a ledger export
 * carries their payloads (DECISIONS.md 6).
 */
export const MESSAGING_OPS = [...MESSAGE_OPS, 'policy.set'] as const;

/**
 * Room ops a ledger carries whole: they hold the station keys its signatures are checked with
 * (admissions, key rotations, revocations).
 * Account ops stay stubs (they carry password hashes, which must not leave the room in a file
 * handed to lawyers), as do join codes (a capability, not a fact).
 */
export const LEDGER_PEOPLE_OPS = [
  'room.create',
  'station.admit',
  'station.rotate-key',
  'station.revoke',
] as const;

/** Every op type whose payload a ledger export includes; all other ops are stubs. */
export const LEDGER_PAYLOAD_OPS: readonly string[] = [...MESSAGING_OPS, ...LEDGER_PEOPLE_OPS];
