import { primaryLanguage, type FoldedText } from './fold-text';
import { findPhrase } from './phrase-match';
import type { VoiceContext, VoiceFinding } from './voice-finding';
import { ALL_LANGUAGES, type Disclaimer } from './voice-schema';

/** The disclaimers a draft with these topics, on this channel, must carry. */
function disclaimersFor(disclaimers: Disclaimer[], context: VoiceContext): Disclaimer[] {
  const topics = new Set(context.topics.map((t) => t.trim().toLowerCase()));
  const channel = context.channel.trim().toLowerCase();
  return disclaimers.filter(
    (d) => topics.has(d.topic) && (d.channels === undefined || d.channels.includes(channel)),
  );
}

/**
 * A missing disclaimer blocks approval. The text is found regardless of case, spacing and a
 * final full stop, so "visit example.com/recall  for details!" counts as the disclaimer.
 */
export function checkDisclaimers(
  folded: FoldedText,
  context: VoiceContext,
  disclaimers: Disclaimer[],
): VoiceFinding[] {
  const language = primaryLanguage(context.language);
  const findings: VoiceFinding[] = [];
  for (const d of disclaimersFor(disclaimers, context)) {
    const required = d.text[language] ?? d.text[ALL_LANGUAGES];
    if (required === undefined) {
      findings.push({
        rule: 'disclaimer',
        severity: 'warn',
        message: `Messages about '${d.topic}' need a disclaimer, but the voice rules have none in '${language}': check with whoever keeps the rules.`,
      });
      continue;
    }
    const core = required.replace(/[\s.!?。…]+$/u, '') || required;
    if (findPhrase(folded, core, context.language, { wildcards: false }).length > 0) continue;
    findings.push({
      rule: 'disclaimer',
      severity: 'block',
      message: `Messages about '${d.topic}' must include: "${required}"`,
    });
  }
  return findings;
}
