import type { Migration } from './types';

// The SQL twins of shared/contacts/identifiers.ts (a test checks they agree). Written out here,
// not imported, so this migration stays what it was when it ran.
const WS = `' ' || char(9, 10, 13)`;
const HANDLE_CHANNELS = `('twitter', 'facebook', 'instagram', 'tiktok', 'youtube', 'reddit')`;
const PHONE_CHANNELS = `('phone', 'sms', 'fax')`;

// Digits of a phone number: spacing and punctuation dropped (a 00 prefix is dropped below).
function digitsOf(x: string): string {
  let p = x;
  for (const c of [' ', '-', '(', ')', '.', '/', '+']) p = `replace(${p}, '${c}', '')`;
  return p;
}

/**
 * One customer across channels (issue 8). Exact links are derived from the mention rows, never
 * logged: generated columns give each mention's email and phone as compared, and the weaker
 * signals (the same name and place, the message it replies to); partial indexes find every
 * mention sharing one, so a customer is read from SQL on demand and an import writes nothing more
 * for the many mentions that carry none. Handles are found through mentions_author (0003).
 * SQLite computes every generated column of a row on insert: the _raw and _digits helpers let
 * each step run once (repeating the phone's replace chain cost ~5 µs a mention). The partial
 * indexes are kept row by row, never deferred during a large import (queries/mention-indexes.ts):
 * a row without an email costs them next to nothing, while rebuilding them after an import scans
 * the whole table once per index (~0.9 s per million mentions each, for a social import: nothing).
 * contact_links is what operators decided about pairs of customers (contact.* ops, one link per
 * pair of identifiers), folded on every station by shared/contacts/link-fold.ts.
 */
export const migration: Migration = {
  id: 18,
  name: 'contacts',
  up: `
    ALTER TABLE mentions ADD COLUMN contact_email_raw TEXT GENERATED ALWAYS AS (lower(trim(
      coalesce(author_email, CASE WHEN channel NOT IN ${HANDLE_CHANNELS} THEN author_handle END),
      ${WS}))) VIRTUAL;
    ALTER TABLE mentions ADD COLUMN contact_email TEXT GENERATED ALWAYS AS (
      CASE WHEN contact_email_raw GLOB '?*@*?' AND instr(contact_email_raw, ' ') = 0
        THEN contact_email_raw END
    ) VIRTUAL;
    ALTER TABLE mentions ADD COLUMN contact_phone_digits TEXT GENERATED ALWAYS AS (${digitsOf(
      `coalesce(author_phone, CASE WHEN channel IN ${PHONE_CHANNELS} THEN author_handle END)`,
    )}) VIRTUAL;
    ALTER TABLE mentions ADD COLUMN contact_phone TEXT GENERATED ALWAYS AS (
      CASE WHEN contact_phone_digits NOT GLOB '*[^0-9]*'
        AND length(contact_phone_digits) - 2 * (contact_phone_digits GLOB '00*') BETWEEN 6 AND 15
        THEN substr(contact_phone_digits, 1 + 2 * (contact_phone_digits GLOB '00*')) END
    ) VIRTUAL;
    ALTER TABLE mentions ADD COLUMN contact_name_place TEXT GENERATED ALWAYS AS (
      CASE WHEN trim(author_name, ${WS}) <> '' AND trim(location, ${WS}) <> ''
        THEN lower(trim(author_name, ${WS})) || '|' || lower(trim(location, ${WS})) END
    ) VIRTUAL;
    ALTER TABLE mentions ADD COLUMN reply_to TEXT GENERATED ALWAYS AS (
      CASE WHEN instr(metadata, 'eply') > 0 THEN channel || ':' || nullif(trim(coalesce(
        metadata ->> '$.in_reply_to', metadata ->> '$.inReplyTo',
        metadata ->> '$.in_reply_to_status_id'), ' '), '') END
    ) VIRTUAL;
    CREATE INDEX mentions_contact_email ON mentions (contact_email) WHERE contact_email IS NOT NULL;
    CREATE INDEX mentions_contact_phone ON mentions (contact_phone) WHERE contact_phone IS NOT NULL;
    CREATE INDEX mentions_name_place ON mentions (contact_name_place) WHERE contact_name_place IS NOT NULL;
    CREATE INDEX mentions_reply_to ON mentions (reply_to) WHERE reply_to IS NOT NULL;

    CREATE TABLE contact_links (
      subject TEXT PRIMARY KEY,
      a TEXT NOT NULL,
      b TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('merged', 'dismissed', 'unmerged')),
      signal TEXT NOT NULL,
      op_id TEXT NOT NULL,
      by TEXT NOT NULL,
      hlc TEXT NOT NULL,
      merge_op TEXT,
      merged_by TEXT,
      UNIQUE (a, b),
      CHECK (a < b)
    ) STRICT;
    CREATE INDEX contact_links_b ON contact_links (b);
  `,
};
