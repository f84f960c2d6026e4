import { describe, expect, it } from 'vitest';
import en from './en.json';
import pl from './pl.json';
import tr from './tr.json';

type Tree = { [k: string]: string | Tree };
const PLURAL = /_(zero|one|two|few|many|other)$/;

/** Every leaf key, with plural suffixes folded into their base key. */
function keys(tree: Tree, prefix = ''): Set<string> {
  const out = new Set<string>();
  for (const [k, v] of Object.entries(tree)) {
    if (typeof v === 'string') out.add(prefix + k.replace(PLURAL, ''));
    else for (const sub of keys(v, `${prefix}${k}.`)) out.add(sub);
  }
  return out;
}

function leaf(tree: Tree, path: string): string | undefined {
  return path
    .split('.')
    .reduce<Tree | string | undefined>(
      (t, k) => (typeof t === 'object' ? t[k] : undefined),
      tree,
    ) as string | undefined;
}

describe('translations', () => {
  it('cover every English string in Turkish and Polish', () => {
    const base = [...keys(en)].sort();
    expect([...keys(tr)].sort()).toEqual(base);
    expect([...keys(pl)].sort()).toEqual(base);
  });

  it('give Polish the plural forms it needs (one, few, many, other)', () => {
    for (const key of [
      'queue.count',
      'queue.arrived',
      'detail.authorMentions',
      'import.rowErrors',
    ]) {
      for (const form of ['one', 'few', 'many', 'other'])
        expect(leaf(pl as Tree, `${key}_${form}`), `${key}_${form}`).toBeTruthy();
    }
  });

  it('keep the same placeholders in every language', () => {
    const holes = (s: string | undefined) =>
      [...(s ?? '').matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort();
    for (const key of keys(en)) {
      const enText = leaf(en as Tree, key) ?? leaf(en as Tree, `${key}_other`);
      for (const other of [tr, pl] as Tree[]) {
        const text = leaf(other, key) ?? leaf(other, `${key}_other`);
        expect(holes(text), key).toEqual(holes(enText));
      }
    }
  });
});
