import Sentiment from 'sentiment';
import type { SentimentLabel } from '../../../shared/domain/mention';
import { POLISH } from './lexicons/pl';
import { TURKISH } from './lexicons/tr';

/**
 * Sentiment with the `sentiment` package (AFINN-165 word scores, English), plus small Turkish
 * and Polish word lists in the same form. Chosen by measurement on the airline file's 14,640
 * human labels (bench/enrichment.bench.ts): macro-F1 0.567 at ~14 µs a text, against vader's
 * 0.548 at ~320 µs and multilang-sentiment's 0.597 at ~83 ms (BASELINES.md). Thresholds on the
 * comparative score (score per word) were tuned on the same labels, so the F1 is optimistic.
 */
const analyser = new Sentiment();
analyser.registerLanguage('tr', { labels: TURKISH });
analyser.registerLanguage('pl', { labels: POLISH });

/** At or below this comparative score a mention is negative. */
export const NEGATIVE_AT = -0.02;
/** At or above this comparative score a mention is positive. */
export const POSITIVE_AT = 0.16;

/** Sentiment score (AFINN sum, clamped to -10..10) and label of a text in a known language. */
export function scoreSentiment(
  text: string,
  language: string,
): { score: number; label: SentimentLabel } {
  const lang = language === 'tr' || language === 'pl' ? language : 'en';
  // sentiment splits on spaces and lowercases with the default locale: give it the Turkish or
  // Polish lowercase form so İ/I and Ł are matched as their speakers write them.
  const input = lang === 'en' ? text : text.toLocaleLowerCase(lang);
  const r = analyser.analyze(input, { language: lang });
  const label: SentimentLabel =
    r.comparative <= NEGATIVE_AT && r.score < 0
      ? 'negative'
      : r.comparative >= POSITIVE_AT
        ? 'positive'
        : 'neutral';
  return { score: Math.max(-10, Math.min(10, r.score)), label };
}
