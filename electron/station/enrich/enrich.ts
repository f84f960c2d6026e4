import type { Enrichment } from '../../../shared/domain/mention';
import { detectLanguage } from './language';
import { scoreSentiment } from './sentiment';

/**
 * Language and sentiment of a mention, offline and deterministic (the same text gives the same
 * result on every station); computed once at ingest and stored in the op.
 */
export function enrich(text: string): Enrichment {
  const language = detectLanguage(text);
  return { language, sentiment: scoreSentiment(text, language) };
}
