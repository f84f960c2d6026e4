import type { Sql } from '../connection';
import type { LinkState } from '../../../../shared/contacts/link-fold';
import type { MergeSignal } from '../../../../shared/contacts/contact-ops';

/** A row of contact_links: where operators left a pair of identifiers. */
export type ContactLinkRow = {
  subject: string;
  a: string;
  b: string;
  state: LinkState['state'];
  signal: MergeSignal;
  op_id: string;
  by: string;
  hlc: string;
  merge_op: string | null;
  merged_by: string | null;
};

/** Stores a link as folded (or forgets it when no op of it took effect). */
export async function putContactLink(
  tx: Sql,
  subject: string,
  link: LinkState | null,
): Promise<void> {
  if (!link) {
    await tx.run('DELETE FROM contact_links WHERE subject = ?', [subject]);
    return;
  }
  await tx.run(
    `INSERT INTO contact_links (subject, a, b, state, signal, op_id, by, hlc, merge_op, merged_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (subject) DO UPDATE SET a = excluded.a, b = excluded.b, state = excluded.state,
       signal = excluded.signal, op_id = excluded.op_id, by = excluded.by, hlc = excluded.hlc,
       merge_op = excluded.merge_op, merged_by = excluded.merged_by`,
    [
      subject,
      link.a,
      link.b,
      link.state,
      link.signal,
      link.op,
      link.by,
      link.hlc,
      link.mergeOp,
      link.mergedBy,
    ],
  );
}

/** The link between two identifiers (a < b), if operators decided anything about it. */
export async function contactLinkOf(
  sql: Sql,
  a: string,
  b: string,
): Promise<ContactLinkRow | undefined> {
  return sql.get<ContactLinkRow>('SELECT * FROM contact_links WHERE a = ? AND b = ?', [a, b]);
}

/** Every link touching any of these identifiers, in one state or any. */
export async function contactLinksTouching(
  sql: Sql,
  identifiers: readonly string[],
  state?: LinkState['state'],
): Promise<ContactLinkRow[]> {
  if (identifiers.length === 0) return [];
  const list = JSON.stringify(identifiers);
  return sql.all<ContactLinkRow>(
    `SELECT * FROM contact_links
     WHERE (a IN (SELECT value FROM json_each(?)) OR b IN (SELECT value FROM json_each(?)))
       AND (? IS NULL OR state = ?)
     ORDER BY subject`,
    [list, list, state ?? null, state ?? null],
  );
}
