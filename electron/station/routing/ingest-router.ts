import type { MentionInput, SentimentLabel } from '../../../shared/domain/mention';
import { parseRoutingRules } from '../../../shared/routing/parse-routing-rules';
import {
  compileRouting,
  routeMention,
  type CompiledRouting,
  type RoutingContext,
} from '../../../shared/routing/routing-rules';
import type { RoutingEnrichment } from '../ops/routing-payloads';

/** The rules an ingest routes with, as plain data (posted to import workers as it is). */
export type IngestRoutingRules = { yaml: string; file: string };

/** What routing reads besides the mention: the enrichment computed just before. */
export type EnrichedFacts = {
  language: string;
  priority: number;
  sentiment: { label: SentimentLabel; score: number };
};

/** Routes one mention at ingest into the enrichment it carries. */
export type IngestRouter = (mention: MentionInput, facts: EnrichedFacts) => RoutingEnrichment;

/** Where an author's history comes from: null means "unknown here" (count as a first mention). */
export type AuthorHistory = (handle: string) => RoutingContext | null;

const FIRST: RoutingContext = { authorPriorMentions: 0, authorLastDepartment: null };

/**
 * A router over the rules. Author history comes only from `history` (the database, for a mention
 * entered at this station). Imports route without it: their records are prepared in parallel on
 * worker threads (prepare-off-thread.ts), so "the authors earlier in this import" would depend on
 * which thread took which records, and a file must route the same whichever thread prepares it;
 * rules on author history (authorMentionsAtLeast, authorLastDepartment) therefore see every author
 * of an import as new. Rules that fail to parse throw: the station keeps only valid ones.
 */
export function createIngestRouter(
  rules: IngestRoutingRules,
  history: AuthorHistory = () => null,
): IngestRouter {
  return routerOf(compileRules(rules), history);
}

/** Parses and compiles routing rules; throws on rules that do not parse. */
export function compileRules(rules: IngestRoutingRules): CompiledRouting {
  const parsed = parseRoutingRules(rules.yaml, rules.file);
  if (!parsed.ok)
    throw new Error(`routing rules ${rules.file}: ${parsed.problems[0]?.message ?? 'invalid'}`);
  return compileRouting(parsed.rules);
}

/** A router over rules already compiled. */
export function routerOf(compiled: CompiledRouting, history: AuthorHistory): IngestRouter {
  return (mention, facts) => {
    const r = routeMention(
      {
        text: mention.text,
        channel: mention.channel,
        language: facts.language,
        sentimentScore: facts.sentiment.score,
        sentimentLabel: facts.sentiment.label,
        brand: mention.brand ?? null,
        author: mention.author,
        priority: facts.priority,
        department: mention.department ?? null,
      },
      history(mention.author.handle) ?? FIRST,
      compiled,
    );
    // Keys in sorted order: the item stays in canonical order (ingest-draft.ts).
    return {
      department: r.department,
      priority: r.priority,
      skills: r.skills,
      tags: r.tags,
      why: r.matched.map((m) => `${m.rule}: ${m.why}`),
    };
  };
}
