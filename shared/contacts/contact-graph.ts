import type { Identifier } from './identifiers';

/**
 * Customers as connected components (union-find with path halving) of the graph whose nodes are
 * identifiers and whose edges are (1) the identifiers one mention carries together (exact links)
 * and (2) the merged links. A customer is named by its least identifier, so the name depends on
 * the set of mentions and links only, never on the order they came in. This is the reference
 * model: the station reads the same components from SQL a customer at a time
 * (electron/station/contacts/contact-reader.ts), and tests compare the two.
 */
export function groupContacts(
  mentions: readonly { id: string; identifiers: readonly Identifier[] }[],
  merged: readonly { a: Identifier; b: Identifier }[],
): { contactOfMention: Map<string, Identifier>; contactOfIdentifier: Map<Identifier, Identifier> } {
  const parent = new Map<Identifier, Identifier>();
  const find = (x: Identifier): Identifier => {
    if (!parent.has(x)) parent.set(x, x);
    let r = x;
    for (;;) {
      const p = parent.get(r) as Identifier;
      if (p === r) return r;
      const g = parent.get(p) as Identifier;
      parent.set(r, g);
      r = g;
    }
  };
  const union = (x: Identifier, y: Identifier) => {
    const rx = find(x);
    const ry = find(y);
    // The smaller root wins, so every root is its component's least identifier.
    if (rx < ry) parent.set(ry, rx);
    else if (ry < rx) parent.set(rx, ry);
  };
  for (const m of mentions) {
    const [first, ...rest] = m.identifiers;
    if (first === undefined) continue;
    find(first);
    for (const id of rest) union(first, id);
  }
  for (const l of merged) union(l.a, l.b);
  const contactOfIdentifier = new Map<Identifier, Identifier>();
  for (const id of parent.keys()) contactOfIdentifier.set(id, find(id));
  const contactOfMention = new Map<string, Identifier>();
  for (const m of mentions) {
    const first = m.identifiers[0];
    if (first !== undefined) contactOfMention.set(m.id, find(first));
  }
  return { contactOfMention, contactOfIdentifier };
}
