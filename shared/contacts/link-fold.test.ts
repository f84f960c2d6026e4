import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupContacts } from './contact-graph';
import { identifiersOf } from './identifiers';
import { foldLink, type LinkOp } from './link-fold';

const T0 = Date.UTC(2015, 1, 24, 9, 0, 0);
const A = 'email:ana@example.com';
const B = 'handle:twitter:ana_k';
let n = 0;
const hex = (i: number) => i.toString(16).padStart(64, '0');

/** An op at second `sec` by `actor` (an operator unless said). */
function op(
  sec: number,
  type: 'contact.merge' | 'contact.unmerge' | 'contact.dismiss',
  extra: Record<string, unknown> = {},
  who: { actor?: string; merge?: boolean; override?: boolean } = {},
): LinkOp {
  n += 1;
  const actor = who.actor ?? 'ana';
  return {
    id: hex(n),
    type,
    v: 1,
    hlc: `${String(T0 + sec * 1000).padStart(15, '0')}0000${actor}`,
    actor,
    payload: {
      a: A,
      b: B,
      ...(type === 'contact.unmerge' ? {} : { signal: 'name-location' }),
      ...extra,
    },
    mayMerge: who.merge ?? true,
    mayOverride: who.override ?? false,
  };
}
const merge = (sec: number, who?: Parameters<typeof op>[3]) => op(sec, 'contact.merge', {}, who);
const unmerge = (sec: number, of: LinkOp, who?: Parameters<typeof op>[3]) =>
  op(sec, 'contact.unmerge', { mergeOp: of.id }, who);
const dismiss = (sec: number, who?: Parameters<typeof op>[3]) =>
  op(sec, 'contact.dismiss', {}, who);
const reasons = (ops: LinkOp[]) =>
  foldLink(ops).verdicts.map((v) => (v.effect === 'applied' ? 'applied' : v.reason));

describe('foldLink', () => {
  it('merges on confirmation and undoes exactly that merge on unmerge', () => {
    const m = merge(1);
    expect(foldLink([m]).link).toMatchObject({ a: A, b: B, state: 'merged', mergeOp: m.id });
    const u = unmerge(5, m);
    expect(foldLink([m, u]).link).toMatchObject({ state: 'unmerged', op: u.id, mergeOp: null });
    expect(reasons([m, u])).toEqual(['applied', 'applied']);
    // Merged again later: a new merge is in effect, and the old unmerge cannot undo it.
    const again = merge(9);
    expect(foldLink([m, u, again]).link).toMatchObject({ state: 'merged', mergeOp: again.id });
    expect(reasons([m, u, again, unmerge(12, m)]).at(-1)).toBe('that merge is not in effect');
  });

  it('resolves a merge and an unmerge made apart by HLC, the same in any order', () => {
    const m1 = merge(1, { actor: 'ana' });
    const u = unmerge(10, m1, { actor: 'ana' });
    const lateMerge = merge(20, { actor: 'bo' });
    const earlyMerge = merge(5, { actor: 'bo' });
    // Bo merged again before Ana's unmerge (in HLC): the unmerge is the last word.
    expect(foldLink([u, earlyMerge, m1]).link?.state).toBe('unmerged');
    // Bo merged after it: merged, by Bo's merge.
    expect(foldLink([lateMerge, u, m1]).link).toMatchObject({
      state: 'merged',
      mergeOp: lateMerge.id,
      mergedBy: 'bo',
    });
  });

  it('collapses the same decision made twice while apart', () => {
    const m1 = merge(1, { actor: 'ana' });
    const m2 = merge(2, { actor: 'bo' });
    expect(foldLink([m2, m1]).link).toMatchObject({ state: 'merged', mergeOp: m1.id });
    const u1 = unmerge(5, m1, { actor: 'ana' });
    const u2 = unmerge(6, m2, { actor: 'bo' });
    expect(foldLink([m1, m2, u1, u2]).link?.state).toBe('unmerged');
    expect(reasons([m1, m2, u1, u2])).toEqual(['applied', 'applied', 'applied', 'applied']);
  });

  it('lets only the merge’s author, a lead or an admin unmerge; observers neither merge nor dismiss', () => {
    const m = merge(1, { actor: 'ana' });
    expect(reasons([m, unmerge(2, m, { actor: 'bo' })])[1]).toBe(
      'only who merged them, a lead or an admin may unmerge',
    );
    expect(reasons([m, unmerge(2, m, { actor: 'lea', override: true })])[1]).toBe('applied');
    expect(reasons([merge(1, { actor: 'olga', merge: false })])).toEqual([
      'this role cannot merge customers',
    ]);
    expect(reasons([dismiss(1, { actor: 'olga', merge: false })])).toEqual([
      'this role cannot dismiss suggested merges',
    ]);
    // Ana lost the role between her merge and her unmerge (judged at each op's HLC).
    expect(reasons([m, unmerge(2, m, { actor: 'ana', merge: false })])[1]).toBe(
      'only who merged them, a lead or an admin may unmerge',
    );
  });

  it('dismisses a suggestion until someone merges anyway; a merged pair is unmerged, not dismissed', () => {
    const d = dismiss(1);
    expect(foldLink([d]).link).toMatchObject({ state: 'dismissed', signal: 'name-location' });
    const m = merge(2);
    expect(foldLink([d, m]).link?.state).toBe('merged');
    expect(reasons([d, m, dismiss(3)]).at(-1)).toBe('they are merged: unmerge them instead');
  });

  it('refuses payloads it cannot read and ops naming another link', () => {
    const bad = { ...merge(1), payload: { a: B, b: A, signal: 'name-location' } };
    expect(reasons([bad])).toEqual(['not a customer link this version reads']);
    const newer = { ...merge(1), v: 2 };
    expect(reasons([newer])).toEqual(['not a customer link this version reads']);
    const other = { ...merge(2), payload: { a: A, b: 'phone:48600100200', signal: 'operator' } };
    expect(reasons([merge(1), other])).toEqual([
      'applied',
      'names another link than the ops it is folded with',
    ]);
  });

  it('comes to the same link and verdicts whatever order the ops arrive in', () => {
    const actors = ['ana', 'bo', 'lea'];
    const opArb = fc.record({
      sec: fc.integer({ min: 0, max: 30 }),
      kind: fc.constantFrom('merge', 'unmerge', 'dismiss'),
      actor: fc.constantFrom(...actors),
      target: fc.nat(),
    });
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 12 }), fc.nat(), (specs, seed) => {
        const made: LinkOp[] = [];
        for (const s of specs) {
          const who = { actor: s.actor, override: s.actor === 'lea' };
          const merges = made.filter((o) => o.type === 'contact.merge');
          const target = merges[s.target % Math.max(1, merges.length)];
          if (s.kind === 'merge') made.push(merge(s.sec, who));
          else if (s.kind === 'dismiss') made.push(dismiss(s.sec, who));
          else if (target) made.push(unmerge(s.sec, target, who));
        }
        const shuffled = [...made];
        let r = seed;
        for (let i = shuffled.length - 1; i > 0; i--) {
          r = (r * 1103515245 + 12345) % 2 ** 31;
          const j = r % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j] as LinkOp, shuffled[i] as LinkOp];
        }
        const sortVerdicts = (x: ReturnType<typeof foldLink>) => ({
          link: x.link,
          verdicts: [...x.verdicts].sort((p, q) => (p.opId < q.opId ? -1 : 1)),
        });
        expect(sortVerdicts(foldLink(shuffled))).toEqual(sortVerdicts(foldLink(made)));
      }),
    );
  });
});

describe('groupContacts', () => {
  const mention = (id: string, channel: string, handle: string, extra = {}) => ({
    id,
    identifiers: identifiersOf({ mentionId: id, channel, handle, ...extra }),
  });

  it('links mentions on exact identifiers across channels and names each customer by its least identifier', () => {
    const ms = [
      mention('twitter:1', 'twitter', '@ana_k', { email: 'Ana@Example.com ' }),
      mention('email:1', 'email', 'ana@example.com'),
      mention('phone:1', 'phone', '+48 600 100 200'),
      mention('sms:1', 'sms', 'Ana', { phone: '0048-600-100-200' }),
      mention('in-person:1', 'in-person', 'Ana Kowalska'),
    ];
    const { contactOfMention } = groupContacts(ms, []);
    expect(contactOfMention.get('twitter:1')).toBe('email:ana@example.com');
    expect(contactOfMention.get('email:1')).toBe('email:ana@example.com');
    expect(contactOfMention.get('phone:1')).toBe('phone:48600100200');
    expect(contactOfMention.get('sms:1')).toBe('phone:48600100200');
    expect(contactOfMention.get('in-person:1')).toBe('mention:in-person:1');
    // A confirmed merge joins the phone caller and the walk-in to the email customer.
    const merged = groupContacts(ms, [
      { a: 'email:ana@example.com', b: 'phone:48600100200' },
      { a: 'mention:in-person:1', b: 'phone:48600100200' },
    ]);
    expect(new Set(merged.contactOfMention.values())).toEqual(new Set(['email:ana@example.com']));
  });

  it('does not depend on the order of mentions or links', () => {
    const ids = [
      'email:a@x.io',
      'email:b@x.io',
      'handle:twitter:a',
      'phone:123456',
      'phone:654321',
    ];
    const arb = fc.array(fc.subarray(ids, { minLength: 1, maxLength: 3 }), { maxLength: 8 });
    fc.assert(
      fc.property(
        arb,
        fc.array(fc.tuple(fc.constantFrom(...ids), fc.constantFrom(...ids))),
        (sets, links) => {
          const ms = sets.map((s, i) => ({ id: `m${i}`, identifiers: s }));
          const ls = links.map(([a, b]) => ({ a, b }));
          const one = groupContacts(ms, ls).contactOfMention;
          const other = groupContacts([...ms].reverse(), [...ls].reverse()).contactOfMention;
          expect(new Map([...other].sort())).toEqual(new Map([...one].sort()));
        },
      ),
    );
  });
});
