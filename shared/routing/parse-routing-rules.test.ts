/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import defaults from '../../resources/routing/default.yaml?raw';
import { formatProblem } from '../yaml/parse-with-schema';
import { parseRoutingRules } from './parse-routing-rules';
import { compileRouting, routeMention, type RoutableMention } from './routing-rules';

const problemsOf = (text: string) => {
  const r = parseRoutingRules(text, 'rules.yaml');
  if (r.ok) throw new Error('expected problems');
  return r.problems.map(formatProblem);
};

describe('reading routing rules', () => {
  it('names the line and the problem', () => {
    const text = [
      'version: 1', // 1
      'rules:', // 2
      '  - name: Legal', // 3
      '    when: { keywords: [lawyer] }', // 4
      '    then: { department: lawyers }', // 5
      '  - name: Money', // 6
      '    then: { priority: 101 }', // 7
      '  - name: Stems', // 8
      '    when: { keywords: ["a*", "!!"] }', // 9
      '    then: { tags: [x], colour: red }', // 10
    ].join('\n');
    expect(problemsOf(text)).toEqual([
      expect.stringMatching(/^rules\.yaml:5:\d+: rules\.0\.then\.department: Invalid option/),
      expect.stringMatching(/^rules\.yaml:7:\d+: rules\.1\.then\.priority: .*<=100/),
      expect.stringMatching(/^rules\.yaml:9:\d+: .*'a\*': '\*' may only end a word of at least 3/),
      expect.stringMatching(/^rules\.yaml:9:\d+: .*'!!' has no letters or digits/),
      expect.stringMatching(/^rules\.yaml:10:\d+: .*colour/),
    ]);
  });

  it('names unknown topics and repeated rule names once the shape is right', () => {
    const text = [
      'version: 1', // 1
      'topics:', // 2
      '  refunds: [refund]', // 3
      'rules:', // 4
      '  - name: Money', // 5
      '    when:', // 6
      '      topics: [refunds, refund]', // 7
      '    then: { department: customer-care }', // 8
      '  - name: Money', // 9
      '    then: { tags: [y] }', // 10
    ].join('\n');
    expect(problemsOf(text)).toEqual([
      "rules.yaml:7:25: rules.0.when.topics.1: no topic 'refund' under topics:",
      'rules.yaml:9:5: rules.1.name: a rule by this name comes earlier',
    ]);
  });

  it('reports broken YAML at its line', () => {
    expect(problemsOf('version: 1\nrules:\n  - name: [unclosed\n')[0]).toMatch(
      /^rules\.yaml:\d+:\d+: /,
    );
    expect(problemsOf('version: 1\nrules: []\nrules: []\n')).toEqual([
      expect.stringMatching(/^rules\.yaml:3:1: .*unique/i),
    ]);
  });

  it('refuses an overflow to the same department or two from one', () => {
    const text = [
      'version: 1',
      'rules: []',
      'overflow:',
      '  - { from: pr, to: pr, afterSeconds: 60 }',
      '  - { from: hr, to: legal, afterSeconds: 60 }',
      '  - { from: hr, to: pr, afterSeconds: 60 }',
    ].join('\n');
    expect(problemsOf(text)).toEqual([
      expect.stringMatching(/^rules\.yaml:4:\d+: .*same department/),
      expect.stringMatching(/^rules\.yaml:6:\d+: .*hr already overflows/),
    ]);
  });
});

describe('the default rules in resources/routing', () => {
  const parsed = parseRoutingRules(defaults, 'default.yaml');
  if (!parsed.ok) throw new Error(parsed.problems.map(formatProblem).join('\n'));
  const routing = compileRouting(parsed.rules);
  const route = (over: Partial<RoutableMention>, authorPriorMentions = 0) =>
    routeMention(
      {
        text: '',
        channel: 'twitter',
        language: 'en',
        sentimentScore: 0,
        sentimentLabel: 'neutral',
        brand: null,
        author: { handle: '@traveller' },
        priority: 30,
        department: null,
        ...over,
      },
      { authorPriorMentions, authorLastDepartment: null },
      routing,
    );

  it('route an airline war room’s typical mentions', () => {
    expect(route({ text: '@united I want a refund for UA123, NOW' })).toMatchObject({
      department: 'customer-care',
      skills: ['refunds'],
    });
    expect(route({ text: 'Quiero un reembolso de mi vuelo', language: 'es' })).toMatchObject({
      department: 'customer-care',
      skills: ['spanish', 'refunds'],
    });
    expect(route({ text: 'Avukatımla görüşüp DAVA açacağım', language: 'tr' })).toMatchObject({
      department: 'legal',
      priority: 90,
      skills: ['turkish'],
    });
    expect(route({ text: 'Considering a class-action suit over this' }).department).toBe('legal');
    expect(route({ text: "I'm a reporter at the Times, any comment?" }).department).toBe(
      'corporate-communications',
    );
    expect(route({ text: 'Are you hiring flight attendants?' }).department).toBe('hr');
    expect(route({ text: 'Need a price quote for a group booking of 40' }).department).toBe(
      'sales',
    );
    expect(route({ text: 'Lovely crew today' })).toMatchObject({
      department: 'customer-care',
      priority: 30,
      matched: [{ rule: 'Everything else', why: 'every mention' }],
    });
  });

  it('raise safety and VIPs on top of the department’s priority', () => {
    const r = route({ text: 'Smoke in the cabin and my refund is still missing' });
    expect(r).toMatchObject({
      department: 'customer-care',
      priority: 55,
      tags: ['safety', 'refund'],
    });
    expect(route({ text: 'hello', author: { handle: '@CEO_example' } })).toMatchObject({
      priority: 60,
      tags: ['vip'],
    });
    expect(route({ text: 'fine', sentimentLabel: 'negative' }, 2).tags).toEqual([
      'repeat-complainer',
    ]);
  });
});
