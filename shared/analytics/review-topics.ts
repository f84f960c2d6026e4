import {
  compileRouting,
  routeMention,
  type RoutableMention,
  type RoutingContext,
} from '../routing/routing-rules';
import type { RoutingRules } from '../routing/routing-schema';

/** A review asked for a topic the room's routing rules do not define. */
export class UnknownTopicError extends Error {
  constructor(
    readonly topics: readonly string[],
    known: readonly string[],
  ) {
    super(
      `no topic ${topics.map((t) => `'${t}'`).join(', ')} in the room's routing rules (${
        known.length === 0 ? 'they define none' : `topics: ${known.join(', ')}`
      })`,
    );
  }
}

// Only the text counts for a rule whose one condition is its topics.
const BLANK: RoutableMention = {
  text: '',
  channel: 'twitter',
  language: 'en',
  sentimentScore: 0,
  sentimentLabel: 'neutral',
  brand: null,
  author: { handle: '' },
  priority: 0,
  department: null,
};
const NO_HISTORY: RoutingContext = { authorPriorMentions: 0, authorLastDepartment: null };

/**
 * Whether a mention's text is in any of the named topics of a routing rules file, decided by
 * routing itself: the topics compiled as the one condition of a rule (`when: { topics }`), so a
 * review's topic is exactly what a routing rule on it matches. Throws UnknownTopicError for a name
 * the file does not define under `topics:`.
 */
export function topicMatcher(
  rules: RoutingRules,
  names: readonly string[],
): (text: string) => boolean {
  const unknown = names.filter((n) => !Object.hasOwn(rules.topics, n));
  if (unknown.length > 0) throw new UnknownTopicError(unknown, Object.keys(rules.topics).sort());
  const compiled = compileRouting({
    ...rules,
    vip: [],
    overflow: [],
    rules: [{ name: 'review topics', when: { topics: [...new Set(names)] }, then: {} }],
  });
  return (text) => routeMention({ ...BLANK, text }, NO_HISTORY, compiled).matched.length > 0;
}
