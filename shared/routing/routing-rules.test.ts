import { describe, expect, it } from 'vitest';
import { formatProblem } from '../yaml/parse-with-schema';
import { parseRoutingRules } from './parse-routing-rules';
import {
  compileRouting,
  routeMention,
  type CompiledRouting,
  type RoutableMention,
  type RoutingContext,
} from './routing-rules';

/** Compiles rules written as YAML (with `version: 1` added). */
function rulesOf(yaml: string): CompiledRouting {
  const r = parseRoutingRules(`version: 1\n${yaml}`, 'rules.yaml');
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
  return compileRouting(r.rules);
}

/** A mention with neutral defaults. */
function mention(over: Partial<RoutableMention> = {}): RoutableMention {
  return {
    text: 'hello',
    channel: 'twitter',
    language: 'en',
    sentimentScore: 0,
    sentimentLabel: 'neutral',
    brand: null,
    author: { handle: '@someone' },
    priority: 30,
    department: null,
    ...over,
  };
}

const NEW_AUTHOR: RoutingContext = { authorPriorMentions: 0, authorLastDepartment: null };

const route = (rules: CompiledRouting, over: Partial<RoutableMention>, ctx = NEW_AUTHOR) =>
  routeMention(mention(over), ctx, rules);

describe('keywords', () => {
  const rules = rulesOf(`
rules:
  - name: Refunds
    when: { keywords: [refund, money back, iade, avukat*, reembolso] }
    then: { department: customer-care }
`);
  const dept = (text: string, language = 'en') => route(rules, { text, language }).department;

  it('match whole words and phrases, whatever the case, punctuation or spacing', () => {
    expect(dept('I want a REFUND!')).toBe('customer-care');
    expect(dept('refund?!')).toBe('customer-care');
    expect(dept('Give me my money   back')).toBe('customer-care');
    expect(dept('Give me my money-back guarantee')).toBe('customer-care');
    expect(dept('refunded already, thanks')).toBeNull();
    expect(dept('nonrefundable ticket')).toBeNull();
    expect(dept('money for the back seat')).toBeNull();
  });

  it('ignore accents and fold the Turkish dotted and dotless I alike', () => {
    for (const text of ['İADE istiyorum', 'IADE', 'iade', 'ıade', 'Parami İade edin'])
      expect(dept(text, 'tr'), text).toBe('customer-care');
    expect(dept('Quiero un REEMBOLSÓ', 'es')).toBe('customer-care');
    // The language tag does not matter: an English-tagged mention in Turkish still matches.
    expect(dept('İADE', 'en')).toBe('customer-care');
  });

  it('match any ending after a stem (Turkish suffixes) but not the stem inside a word', () => {
    expect(dept('AVUKATIM sizi arayacak', 'tr')).toBe('customer-care');
    expect(dept('avukatlarımız', 'tr')).toBe('customer-care');
    expect(dept('bir avukat', 'tr')).toBe('customer-care');
    expect(dept('xavukat', 'tr')).toBeNull();
  });

  it('written with accents or capitals in the file, still match plain text', () => {
    const r = rulesOf(`
rules:
  - name: Turkish refund
    when: { keywords: [İADE, devolución] }
    then: { tags: [refund] }
`);
    expect(route(r, { text: 'iade lütfen' }).tags).toEqual(['refund']);
    expect(route(r, { text: 'DEVOLUCION ya' }).tags).toEqual(['refund']);
  });
});

describe('conditions', () => {
  const rules = rulesOf(`
topics:
  refunds: [refund, iade*]
vip: ['@CEO', board@example.com]
rules:
  - { name: topic, when: { topics: [refunds] }, then: { tags: [t-topic] } }
  - { name: lang, when: { languages: [es, pt] }, then: { tags: [t-lang] } }
  - { name: label, when: { sentiment: [negative] }, then: { tags: [t-label] } }
  - { name: score, when: { sentimentScore: { min: -10, max: -5 } }, then: { tags: [t-score] } }
  - { name: channel, when: { channels: [email, phone] }, then: { tags: [t-channel] } }
  - { name: brand, when: { brands: [Türk Hava Yolları] }, then: { tags: [t-brand] } }
  - { name: repeat, when: { authorMentionsAtLeast: 3 }, then: { tags: [t-repeat] } }
  - { name: last, when: { authorLastDepartment: [legal] }, then: { tags: [t-last] } }
  - { name: vip, when: { vip: true }, then: { tags: [t-vip] } }
  - { name: not-vip, when: { vip: false }, then: { tags: [t-not-vip] } }
`);
  const tags = (over: Partial<RoutableMention>, ctx = NEW_AUTHOR) =>
    route(rules, over, ctx).tags.filter((t) => t !== 't-not-vip');
  const whys = (over: Partial<RoutableMention>, ctx = NEW_AUTHOR) =>
    route(rules, over, ctx).matched.map((m) => m.why);

  it('each type matches on its own and says why', () => {
    expect(tags({ text: 'İadem nerede?' })).toEqual(['t-topic']);
    expect(whys({ text: 'İadem nerede?' })).toContain("topic refunds ('iade*')");
    expect(tags({ language: 'es-MX' })).toEqual(['t-lang']);
    expect(whys({ language: 'pt' })).toContain('language pt');
    expect(tags({ sentimentLabel: 'negative', sentimentScore: -2 })).toEqual(['t-label']);
    expect(tags({ sentimentScore: -5 })).toEqual(['t-score']);
    expect(tags({ sentimentScore: -4.5 })).toEqual([]);
    expect(tags({ channel: 'phone' })).toEqual(['t-channel']);
    expect(tags({ brand: 'TÜRK HAVA YOLLARI' })).toEqual(['t-brand']);
    expect(tags({ brand: 'Pegasus' })).toEqual([]);
  });

  it('author history counts this mention and remembers the last department', () => {
    expect(tags({}, { authorPriorMentions: 1, authorLastDepartment: null })).toEqual([]);
    expect(tags({}, { authorPriorMentions: 2, authorLastDepartment: null })).toEqual(['t-repeat']);
    expect(whys({}, { authorPriorMentions: 2, authorLastDepartment: null })).toContain(
      '3 mentions by this author',
    );
    expect(tags({}, { authorPriorMentions: 0, authorLastDepartment: 'legal' })).toEqual(['t-last']);
    expect(tags({}, { authorPriorMentions: 0, authorLastDepartment: 'hr' })).toEqual([]);
  });

  it('VIPs by handle (with or without @, any case) or by e-mail address', () => {
    expect(route(rules, { author: { handle: 'ceo' } }).tags).toEqual(['t-vip']);
    expect(whys({ author: { handle: '@Ceo' } })).toContain('VIP @ceo');
    expect(tags({ author: { handle: 'jane', email: 'Board@Example.com' } })).toEqual(['t-vip']);
    expect(tags({ author: { handle: 'board@example.com' } })).toEqual(['t-vip']);
    expect(route(rules, { author: { handle: '@ceo2' } }).tags).toEqual(['t-not-vip']);
  });

  it('ANDs fields and ORs the entries of a field', () => {
    const r = rulesOf(`
rules:
  - name: Angry Spanish e-mail about money
    when:
      keywords: [reembolso, dinero]
      languages: [es]
      channels: [email, sms]
    then: { tags: [hit] }
`);
    const hit = (over: Partial<RoutableMention>) => route(r, over).tags.includes('hit');
    const base = { text: 'quiero mi dinero', language: 'es', channel: 'sms' } as const;
    expect(hit(base)).toBe(true);
    expect(hit({ ...base, channel: 'email', text: 'reembolso' })).toBe(true);
    expect(hit({ ...base, channel: 'twitter' })).toBe(false);
    expect(hit({ ...base, language: 'en' })).toBe(false);
    expect(hit({ ...base, text: 'hola' })).toBe(false);
    expect(route(r, base).matched).toEqual([
      {
        rule: 'Angry Spanish e-mail about money',
        why: "channel sms, language es, keyword 'dinero'",
      },
    ]);
  });
});

describe('order, stop and priority', () => {
  const rules = rulesOf(`
rules:
  - { name: Safety, when: { keywords: [smoke] }, then: { raise: 25, tags: [safety] } }
  - { name: Spanish, when: { languages: [es] }, then: { skills: [spanish] } }
  - { name: Legal, when: { keywords: [lawyer] }, then: { department: legal, priority: 90 } }
  - name: Refunds
    when: { keywords: [refund] }
    then: { department: customer-care, skills: [refunds], stop: false }
  - { name: Billing, when: { keywords: [refund] }, then: { department: sales, skills: [billing] } }
  - { name: Never, when: { keywords: [refund] }, then: { tags: [unreached] } }
  - { name: Catch-all, then: { department: customer-care } }
`);

  it('adjusters let later rules run; a department ends routing by default', () => {
    const r = route(rules, {
      text: 'smoke in the cabin, my lawyer will hear of it',
      language: 'es',
    });
    expect(r.department).toBe('legal');
    expect(r.skills).toEqual(['spanish']);
    // The first absolute priority sets the base; raises from any rule add to it, clamped.
    expect(r.priority).toBe(100);
    expect(r.matched.map((m) => m.rule)).toEqual(['Safety', 'Spanish', 'Legal']);
  });

  it('stop: false on a department rule lets later rules add, but the first department stays', () => {
    const r = route(rules, { text: 'refund please' });
    expect(r.department).toBe('customer-care');
    expect(r.skills).toEqual(['refunds', 'billing']);
    expect(r.tags).toEqual([]);
    expect(r.matched.map((m) => m.rule)).toEqual(['Refunds', 'Billing']);
  });

  it('a catch-all without `when` takes the rest', () => {
    expect(route(rules, { text: 'nice flight' })).toEqual({
      department: 'customer-care',
      priority: 30,
      skills: [],
      tags: [],
      matched: [{ rule: 'Catch-all', why: 'every mention' }],
    });
  });

  it('keeps a department the source gave, but still applies priority and skills', () => {
    const r = route(rules, { text: 'my lawyer', department: 'hr', language: 'es' });
    expect(r).toMatchObject({ department: 'hr', priority: 90, skills: ['spanish'] });
  });

  it('clamps priority to 0–100', () => {
    const r = rulesOf(`
rules:
  - { name: Down, when: { keywords: [thanks] }, then: { raise: -60 } }
  - { name: Up, when: { keywords: [urgent] }, then: { raise: 80 } }
`);
    expect(route(r, { text: 'thanks', priority: 20 }).priority).toBe(0);
    expect(route(r, { text: 'urgent', priority: 50 }).priority).toBe(100);
    expect(route(r, { text: 'urgent thanks', priority: 50 }).priority).toBe(70);
  });

  it('an explicit stop on an adjuster ends routing', () => {
    const r = rulesOf(`
rules:
  - { name: Spam, when: { keywords: [crypto giveaway] }, then: { priority: 0, tags: [spam], stop: true } }
  - { name: Catch-all, then: { department: customer-care } }
`);
    expect(route(r, { text: 'CRYPTO giveaway!!' })).toMatchObject({
      department: null,
      priority: 0,
      tags: ['spam'],
    });
  });
});
