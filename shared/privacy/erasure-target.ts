import { emailKey, handleKey, identifiersOf, phoneKey } from '../contacts/identifiers';

/**
 * Who an erasure is about, as identifiers: `author:CHANNEL:handle` (the author exactly as a
 * channel names them, ASCII lower case, no leading @) and the customer identifiers of
 * shared/contacts (handle:, email:, phone:, mention:). An ingested mention is the person's when
 * any of its identifiers is one of the erasure's; the erasure op carries only salted hashes of them.
 */
export function authorIdentifier(channel: string, handle: string): string {
  const h = handle
    .trim()
    .replace(/^@+/, '')
    .replace(/[A-Z]+/g, (c) => c.toLowerCase());
  return `author:${channel}:${h}`;
}

/** The author fields of an ingested mention, as an ingest item carries them. */
export type ItemAuthor = {
  mentionId: string;
  channel: string;
  handle: string;
  email?: string | null | undefined;
  phone?: string | null | undefined;
};

/** Every identifier of one ingested mention's author (the author one first). */
export function itemIdentifiers(m: ItemAuthor): string[] {
  return [authorIdentifier(m.channel, m.handle), ...identifiersOf(m)];
}

/** Whether a mention carries contact details (an email address or a phone number) retention treats as such. */
export function hasContactDetails(m: ItemAuthor): boolean {
  if (emailKey(m.email) !== null || phoneKey(m.phone) !== null) return true;
  return identifiersOf(m).some((id) => id.startsWith('email:') || id.startsWith('phone:'));
}

/** True when a handle is usable for finding an author (non-empty once the @ is dropped). */
export function isSearchableHandle(handle: string): boolean {
  return handleKey(handle.trim()) !== null;
}
