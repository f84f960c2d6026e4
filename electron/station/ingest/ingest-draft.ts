import type { MentionInput } from '../../../shared/domain/mention';
import { priorityOf } from '../../../shared/domain/priority';
import { enrich } from '../enrich/enrich';
import { mentionIdOf } from '../mentions/mention-id';
import { prepareDraft } from '../ops/chain';
import type { OpDraft } from '../ops/op';
import type { MentionIngest } from '../ops/payloads';

/**
 * The op that brings one mention in: its enrichment (language, sentiment, priority) is computed
 * once, here, and travels in the op so every station shows the same values.
 */
export function ingestDraft(
  mention: MentionInput,
  actor: string,
  source: MentionIngest['source'],
): OpDraft {
  const e = enrich(mention.text);
  // Keys in sorted order at every level (see canonicalJson): the payload hashes without re-sorting.
  const payload: MentionIngest = {
    enrichment: {
      language: e.language,
      priority: priorityOf(mention.text, mention.channel, e.sentiment),
      sentiment: { label: e.sentiment.label, score: e.sentiment.score },
    },
    mention,
    source,
  };
  return prepareDraft({
    type: 'mention.ingest',
    v: 1,
    actor,
    subject: mentionIdOf(mention.channel, mention.externalId),
    payload,
  });
}
