import { describe, expect, it } from 'vitest';
import { prng } from '../testing/prng';
import { alikeTo, comparableWords, groupNearDuplicates, lookupWords } from './near-duplicates';

const m = (id: string, text: string) => ({ id, text });
const ids = (groups: { members: { id: string }[] }[]) =>
  groups.map((g) => g.members.map((x) => x.id));

describe('comparable words', () => {
  it('drop handles, links, e-mail addresses, numbers, punctuation, case and accents', () => {
    expect(
      comparableWords('@united my flight UA123 was CANCELLED, rebook me? https://t.co/x1'),
    ).toEqual(['my', 'flight', 'was', 'cancelled', 'rebook', 'me']);
    expect(comparableWords('Write to help@united.com re: order #4411 at 12:30')).toEqual([
      'write',
      'to',
      're',
      'order',
    ]);
    expect(comparableWords('UÇUŞUM İPTAL edildi!')).toEqual(['ucusum', 'iptal', 'edildi']);
    // A short code before a number goes with it: "UA 4410" reads like "UA4410".
    expect(comparableWords('my flight UA 4410 was cancelled')).toEqual(
      comparableWords('My flight UA4410 was cancelled'),
    );
  });
});

describe('groupNearDuplicates', () => {
  const wave = [
    m('a1', '@united my flight UA123 was cancelled, rebook me?'),
    m('b1', '@united my bag was lost on flight UA123, who do I call?'),
    m('a2', '@United my flight UA 4410 was CANCELLED!! rebook me please'),
    m('c1', '@united my flight UA123 was delayed, will I make my connection?'),
    m('a3', '.@united My flight was cancelled... rebook me? https://t.co/abc'),
    m('d1', '@united my flight UA99 was cancelled, can I get a refund?'),
    m('b2', '@united my bag was lost on flight UA 77 - who do I call??'),
    m('e1', '@united thanks for the great flight today'),
    m('a4', 'my flight ua789 was cancelled rebook me @united @united'),
    m('f1', '@united 🙏🙏'),
    m('f2', '@united 🙏'),
  ];

  it('groups a wave of the same question, biggest first, the earliest representing it', () => {
    const groups = groupNearDuplicates(wave);
    expect(ids(groups)).toEqual([
      ['a1', 'a2', 'a3', 'a4'],
      ['b1', 'b2'],
    ]);
    expect(groups[0]?.representative.id).toBe('a1');
  });

  it('keeps apart different questions about the same flight (delay, refund, thanks)', () => {
    const grouped = new Set(groupNearDuplicates(wave).flatMap((g) => g.members.map((x) => x.id)));
    for (const id of ['c1', 'd1', 'e1']) expect(grouped.has(id), id).toBe(false);
  });

  it('never groups mentions with nothing to compare (only handles or emoji)', () => {
    expect(groupNearDuplicates([wave[9], wave[10]].filter((x) => x !== undefined))).toEqual([]);
  });

  it('groups Turkish and Spanish waves the same way, accents or not', () => {
    const groups = groupNearDuplicates([
      m('tr1', '@THY TK1985 uçuşum iptal edildi, ne zaman iade yapılacak?'),
      m('es1', '@Iberia mi vuelo IB3170 fue cancelado, ¿me reembolsan?'),
      m('tr2', '@thy tk 2231 ucusum iptal edildi ne zaman iade yapilacak'),
      m('es2', '@iberia Mi vuelo IB 3171 fue CANCELADO ¿me reembolsan??'),
      m('tr3', '@THY bagajım kayboldu, ne zaman bulunacak?'),
    ]);
    expect(ids(groups)).toEqual([
      ['tr1', 'tr2'],
      ['es1', 'es2'],
    ]);
  });

  it('follows the configured threshold and shingle size', () => {
    const pair = [
      m('x', 'my flight was cancelled rebook me'),
      m('y', 'flight cancelled please rebook me'),
    ];
    expect(groupNearDuplicates(pair)).toEqual([]);
    expect(ids(groupNearDuplicates(pair, { shingleWords: 1, similarity: 0.5 }))).toEqual([
      ['x', 'y'],
    ]);
    // Exact copies once handles, numbers and punctuation are gone.
    expect(ids(groupNearDuplicates(wave, { similarity: 1 }))).toEqual([
      ['a1', 'a3', 'a4'],
      ['b1', 'b2'],
    ]);
    expect(ids(groupNearDuplicates(wave, { minGroupSize: 3 }))).toEqual([['a1', 'a2', 'a3', 'a4']]);
  });

  it('finds the same groups as comparing every pair with every leader (the prefix filter loses none)', () => {
    const random = prng(7);
    const words = [
      'flight',
      'cancelled',
      'rebook',
      'me',
      'my',
      'bag',
      'lost',
      'refund',
      'delay',
      'gate',
      'crew',
      'why',
    ];
    const texts = Array.from({ length: 300 }, (_, i) =>
      m(
        `t${i}`,
        Array.from(
          { length: 2 + Math.floor(random() * 6) },
          () => words[Math.floor(random() * words.length)],
        ).join(' '),
      ),
    );
    for (const similarity of [0.3, 0.5, 0.6, 0.7, 0.9])
      expect(ids(groupNearDuplicates(texts, { similarity })), String(similarity)).toEqual(
        ids(bruteForce(texts, similarity)),
      );
  });
});

describe('alikeTo', () => {
  const list = [
    m('a1', '@united my flight UA123 was cancelled, rebook me?'),
    m('b1', '@united my bag was lost on flight UA123, who do I call?'),
    m('a2', '@United my flight UA 4410 was CANCELLED!! rebook me please'),
    m('c1', '@united my flight UA123 was delayed, will I make my connection?'),
    m('a3', '.@united My flight was cancelled... rebook me? https://t.co/abc'),
    m('d1', '@united my flight UA99 was cancelled, can I get a refund?'),
    m('b2', '@united my bag was lost on flight UA 77 - who do I call??'),
    m('e1', '@united thanks for the great flight today'),
    m('a4', 'my flight ua789 was cancelled rebook me @united @united'),
    m('f1', '@united 🙏🙏'),
  ];
  const [a1, , a2, , a3, d1, , , a4, f1] = list;

  it('finds the mentions asking the same question as one, most alike first', () => {
    const found = alikeTo(a1 as { id: string; text: string }, list);
    // a3 and a4 read exactly like a1 once handles, numbers and links are gone; a2 adds "please".
    expect(found.map((f) => f.item.id)).toEqual(['a3', 'a4', 'a2']);
    expect(found[0]?.similarity).toBe(1);
    expect(found[2]?.similarity).toBeCloseTo(5 / 6, 5);
    expect(found.map((f) => f.item)).not.toContain(d1);
    expect([a2, a3, a4].every((x) => found.some((f) => f.item === x))).toBe(true);
  });

  it('finds nothing like a mention with nothing to compare', () => {
    expect(alikeTo(f1 as { id: string; text: string }, list)).toEqual([]);
  });
});

describe('lookupWords', () => {
  it('picks the rarest words, and only as many as no near-duplicate can lack', () => {
    const docs = new Map([
      ['my', 900],
      ['flight', 500],
      ['was', 800],
      ['cancelled', 40],
      ['rebook', 9],
      ['me', 700],
    ]);
    const words = lookupWords('my flight UA123 was cancelled, rebook me?', (w) => docs.get(w));
    // Five shingles; at 0.6 a text must share three, so removing three rules it out: "rebook"
    // takes two (cancelled rebook, rebook me), "cancelled" one more (was cancelled).
    expect(words).toEqual(['rebook', 'cancelled']);
    expect(lookupWords('@united 🙏', () => 1)).toEqual([]);
  });

  it('never misses a near-duplicate: every text alike enough holds one of the words (property)', () => {
    const random = prng(11);
    const vocabulary = [
      'flight',
      'cancelled',
      'rebook',
      'me',
      'my',
      'bag',
      'lost',
      'refund',
      'gate',
      'why',
    ];
    const texts = Array.from({ length: 400 }, (_, i) =>
      m(
        `t${i}`,
        Array.from(
          { length: 1 + Math.floor(random() * 7) },
          () => vocabulary[Math.floor(random() * vocabulary.length)],
        ).join(' '),
      ),
    );
    const docs = new Map<string, number>();
    for (const x of texts)
      for (const w of new Set(comparableWords(x.text))) docs.set(w, (docs.get(w) ?? 0) + 1);
    for (const similarity of [0.3, 0.6, 0.9])
      for (const shingleWords of [1, 2, 3])
        for (const target of texts.slice(0, 80)) {
          const words = new Set(
            lookupWords(target.text, (w) => docs.get(w), { similarity, shingleWords }),
          );
          for (const { item } of alikeTo(target, texts, { similarity, shingleWords }))
            expect(
              comparableWords(item.text).some((w) => words.has(w)),
              `${target.text} ~ ${item.text} (${similarity}, ${shingleWords})`,
            ).toBe(true);
        }
  });
});

/** The same leader clustering without the prefix filter. */
function bruteForce(mentions: { id: string; text: string }[], t: number) {
  const shingle = (text: string) => {
    const w = comparableWords(text);
    const out = new Set<string>();
    if (w.length > 0 && w.length <= 2) out.add(w.join(' '));
    for (let i = 0; i + 2 <= w.length; i++) out.add(`${w[i]} ${w[i + 1]}`);
    return out;
  };
  const leaders: { set: Set<string>; members: { id: string }[] }[] = [];
  for (const x of mentions) {
    const set = shingle(x.text);
    if (set.size === 0) continue;
    let best: (typeof leaders)[number] | null = null;
    let bestS = 0;
    for (const l of leaders) {
      const both = [...set].filter((s) => l.set.has(s)).length;
      const s = both / (set.size + l.set.size - both);
      if (s >= t - 1e-9 && s > bestS) [best, bestS] = [l, s];
    }
    if (best) best.members.push(x);
    else leaders.push({ set, members: [x] });
  }
  return leaders
    .filter((l) => l.members.length >= 2)
    .sort((a, b) => b.members.length - a.members.length);
}
