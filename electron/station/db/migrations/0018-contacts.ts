import type { Migration } from './types';

// The SQL twins of shared/contacts/identifiers.ts (a test checks they agree). Written out here,
// not imported, so this migration stays what it was when it ran.
const WS = `' ' || char(9, 10, 13)`;
const HANDLE_CHANNELS = `('twitter', 'facebook', 'instagram', 'tiktok', 'youtube', 'reddit')`;
const PHONE_CHANNELS = `('phone', 'sms', 'fax')`;

function emailOf(x: string): string {
  const e = `lower(trim(${x}, ${WS}))`;
  return `(CASE WHEN instr(${x}, '@') > 0 AND ${e} GLOB '?*@*?' AND instr(${e}, ' ') = 0 THEN ${e} END)`;
}

function phoneOf(x: string): string {
  let p = x;
  for (const c of [' ', '-', '(', ')', '.', '/', '+']) p = `replace(${p}, '${c}', '')`;
  const d = `(CASE WHEN ${p} GLOB '00*' THEN substr(${p}, 3) ELSE ${p} END)`;
  return `(CASE WHEN ${x} IS NOT NULL AND length(${d}) BETWEEN 6 AND 15 AND ${d} NOT GLOB '*[^0-9]*' THEN ${d} END)`;
}

/**
 * One customer across channels (issue 8). Exact links are derived from the mention rows, never
 * logged: generated columns give each mention's email and phone as compared (and the weaker
 * signals: the same name and place, the message it replies to), and partial indexes find every
 * mention sharing one, so a customer is read from SQL on demand and an import writes nothing more
 * for the many mentions that carry none. Handles are found through mentions_author (0003).
 * contact_links is what operators decided about pairs of customers (contact.* ops, one link per
 * pair of identifiers), folded on every station by shared/contacts/link-fold.ts.
 */
export const migration: Migration = {
  id: 18,
  name: 'contacts',
  up: `
    ALTER TABLE mentions ADD COLUMN contact_email TEXT GENERATED ALWAYS AS (coalesce(
      ${emailOf('author_email')},
      CASE WHEN channel NOT IN ${HANDLE_CHANNELS} THEN ${emailOf('author_handle')} END
    )) VIRTUAL;
    ALTER TABLE mentions ADD COLUMN contact_phone TEXT GENERATED ALWAYS AS (coalesce(
      ${phoneOf('author_phone')},
      CASE WHEN channel IN ${PHONE_CHANNELS} THEN ${phoneOf('author_handle')} END
    )) VIRTUAL;
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
