import { describe, expect, it } from 'vitest';
import { parseRoutingRules } from '../routing/parse-routing-rules';
import { topicMatcher, UnknownTopicError } from './review-topics';

const parsed = parseRoutingRules(
  `version: 1
topics:
  refunds: [refund*, money back]
  legal: [lawyer*, class action]
rules:
  - { name: legal, when: { topics: [legal] }, then: { department: legal } }
`,
  'test.yaml',
);
if (!parsed.ok) throw new Error(parsed.problems[0]?.message);
const rules = parsed.rules;

describe('topicMatcher', () => {
  it('finds a mention in a topic as routing does: whole words, stems, phrases, no case or accents', () => {
    const refunds = topicMatcher(rules, ['refunds']);
    expect(refunds('Where is my REFUNDING?')).toBe(true);
    expect(refunds('I want my money  back.')).toBe(true);
    expect(refunds('back money')).toBe(false);
    expect(refunds('talk to my lawyer')).toBe(false);
    const either = topicMatcher(rules, ['refunds', 'legal']);
    expect(either('talk to my lawyers')).toBe(true);
    expect(either('a Class-Action suit')).toBe(true);
    expect(either('the kettle sparked')).toBe(false);
  });

  it('refuses a topic the rules do not define, naming the ones they do', () => {
    expect(() => topicMatcher(rules, ['refunds', 'weather'])).toThrow(UnknownTopicError);
    expect(() => topicMatcher(rules, ['weather'])).toThrow(
      "no topic 'weather' in the room's routing rules (topics: legal, refunds)",
    );
  });
});
