import type { Author, Channel, SentimentLabel } from '../domain/mention';
import { DEPARTMENTS, type Department } from '../domain/people';
import { foldForMatch, foldedWords } from './fold-words';
import { createKeywordIndex, type KeywordIndex } from './keyword-index';
import {
  PRIORITY_MAX,
  PRIORITY_MIN,
  type RoutingRule,
  type RoutingRules,
  type Then,
  type When,
} from './routing-schema';

/** What routing reads from a mention (a queue `Mention` has all of it). */
export type RoutableMention = {
  text: string;
  channel: Channel;
  /** ISO 639-1 code or a longer tag ('es-MX'); only the primary subtag counts. */
  language: string;
  sentimentScore: number;
  sentimentLabel: SentimentLabel;
  brand: string | null;
  author: Pick<Author, 'handle' | 'email'>;
  /** The triage priority from `priorityOf`: rules start from it. */
  priority: number;
  /** A department the source already gave (an HR inbox): it is kept over any rule's. */
  department: string | null;
};

/** What the room knows about the author beyond this mention. */
export type RoutingContext = {
  /** The author's mentions in this room before this one. */
  authorPriorMentions: number;
  /** The department the author's previous mention was routed to, if any. */
  authorLastDepartment: Department | null;
};

/** Where a mention goes and why. */
export type Routing = {
  department: Department | null;
  priority: number;
  /** Skills the operator must have, in the order rules named them. */
  skills: string[];
  tags: string[];
  /** Each rule that matched, in order, with what matched ("keyword 'refund', channel email"). */
  matched: { rule: string; why: string }[];
};

/** Per-mention facts; the costly ones are filled in at most once, when a rule first needs them. */
type Probe = {
  mention: RoutableMention;
  context: RoutingContext;
  routing: CompiledRouting;
  /** The primary language subtag, lowercased. */
  language: string;
  brand: string | null | undefined;
  hits: Uint8Array | null;
  vip: string | null | undefined;
};
/** One condition: whether it holds, and (asked only of matching rules) why. */
type Check = { test: (probe: Probe) => boolean; why: (probe: Probe) => string };
type CompiledRule = { name: string; checks: Check[]; then: Then; stop: boolean };

/** Routing rules compiled once (keyword index, sets), ready for `routeMention`. */
export type CompiledRouting = {
  rules: CompiledRule[];
  keywords: KeywordIndex;
  vipHandles: Set<string>;
  vipEmails: Set<string>;
};

const primaryLanguage = (tag: string) => tag.replace(/[-_].*$/su, '').toLowerCase();
const handleKey = (handle: string) => foldForMatch(handle.trim().replace(/^@/u, ''));

/** Compiles a parsed rules file; call once per file, then route every mention with it. */
export function compileRouting(file: RoutingRules): CompiledRouting {
  const keywords = createKeywordIndex();
  const vipHandles = new Set<string>();
  const vipEmails = new Set<string>();
  for (const v of file.vip) {
    if (/^[^@]+@/u.test(v)) vipEmails.add(v.toLowerCase());
    else vipHandles.add(handleKey(v));
  }
  const rules = file.rules.map((rule) => ({
    name: rule.name,
    checks: compileWhen(rule, file.topics, keywords),
    then: rule.then,
    stop: rule.then.stop ?? rule.then.department !== undefined,
  }));
  return { rules, keywords, vipHandles, vipEmails };
}

// Cheap conditions come first so most rules fail before any text is looked at.
function compileWhen(
  rule: RoutingRule,
  topics: Record<string, string[]>,
  index: KeywordIndex,
): Check[] {
  const w: When = rule.when;
  const checks: Check[] = [];
  const anyOf = <T>(values: readonly T[] | undefined, get: (p: Probe) => T, label: string) => {
    if (!values) return;
    const set = new Set(values);
    checks.push({ test: (p) => set.has(get(p)), why: (p) => `${label} ${String(get(p))}` });
  };
  anyOf(w.channels, (p) => p.mention.channel, 'channel');
  anyOf(w.languages, (p) => p.language, 'language');
  anyOf(w.sentiment, (p) => p.mention.sentimentLabel, 'sentiment');
  anyOf(w.authorLastDepartment, (p) => p.context.authorLastDepartment, 'author last routed to');
  if (w.sentimentScore) {
    const { min = -Infinity, max = Infinity } = w.sentimentScore;
    checks.push({
      test: ({ mention: { sentimentScore: s } }) => s >= min && s <= max,
      why: ({ mention }) => `sentiment score ${mention.sentimentScore}`,
    });
  }
  if (w.brands) {
    const brands = new Set(w.brands.map(foldForMatch));
    checks.push({
      test: (p) => {
        const b = brandOf(p);
        return b !== null && brands.has(b);
      },
      why: ({ mention }) => `brand ${mention.brand ?? ''}`,
    });
  }
  if (w.authorMentionsAtLeast !== undefined) {
    const least = w.authorMentionsAtLeast - 1;
    checks.push({
      test: ({ context }) => context.authorPriorMentions >= least,
      why: ({ context }) => `${context.authorPriorMentions + 1} mentions by this author`,
    });
  }
  if (w.vip !== undefined) {
    const want = w.vip;
    checks.push({
      test: (p) => (vipOf(p) !== null) === want,
      why: (p) => (want ? `VIP ${vipOf(p) ?? ''}` : 'not a VIP'),
    });
  }
  if (w.keywords) {
    const ids = w.keywords.map((k) => index.add(k));
    const whys = w.keywords.map((k) => `keyword '${k}'`);
    const first = (hits: Uint8Array) => ids.findIndex((id) => hits[id] === 1);
    checks.push({
      test: (p) => first(hitsOf(p)) >= 0,
      why: (p) => whys[first(hitsOf(p))] ?? '',
    });
  }
  if (w.topics) {
    const ids: number[] = [];
    const whys: string[] = [];
    for (const t of w.topics)
      for (const k of topics[t] ?? []) {
        ids.push(index.add(k));
        whys.push(`topic ${t} ('${k}')`);
      }
    const first = (hits: Uint8Array) => ids.findIndex((id) => hits[id] === 1);
    checks.push({
      test: (p) => first(hitsOf(p)) >= 0,
      why: (p) => whys[first(hitsOf(p))] ?? '',
    });
  }
  return checks;
}

const isDepartment = (d: string | null): d is Department =>
  d !== null && (DEPARTMENTS as readonly string[]).includes(d);

/**
 * Routes a mention: rules run in order; each that matches adds its skills and tags and raises;
 * the first to name a department (after any the source gave) and the first to give an absolute
 * priority decide those; a rule that stops ends the run. Priority is clamped to 0–100.
 */
export function routeMention(
  mention: RoutableMention,
  context: RoutingContext,
  routing: CompiledRouting,
): Routing {
  const probe: Probe = {
    mention,
    context,
    routing,
    language: primaryLanguage(mention.language),
    brand: undefined,
    hits: null,
    vip: undefined,
  };
  let department: Department | null = isDepartment(mention.department) ? mention.department : null;
  let absolute: number | null = null;
  let raise = 0;
  // Plain arrays, not sets: a rule names a few at most, and most mentions none (routing runs on
  // every ingested mention, where each allocation shows in bench/ingest).
  const skills: string[] = [];
  const tags: string[] = [];
  const matched: Routing['matched'] = [];
  rules: for (const rule of routing.rules) {
    for (const check of rule.checks) if (!check.test(probe)) continue rules;
    const t = rule.then;
    matched.push({ rule: rule.name, why: whyOf(rule, probe) });
    department ??= t.department ?? null;
    absolute ??= t.priority ?? null;
    raise += t.raise ?? 0;
    if (t.skills) addNew(skills, t.skills);
    if (t.tags) addNew(tags, t.tags);
    if (rule.stop) break;
  }
  const priority = clampPriority((absolute ?? mention.priority) + raise);
  return { department, priority, skills, tags, matched };
}

function whyOf(rule: CompiledRule, probe: Probe): string {
  if (rule.checks.length === 0) return 'every mention';
  if (rule.checks.length === 1) return (rule.checks[0] as Check).why(probe);
  return rule.checks.map((c) => c.why(probe)).join(', ');
}

function addNew(list: string[], values: readonly string[]): void {
  for (const v of values) if (!list.includes(v)) list.push(v);
}

/** A priority held to the range the queue sorts by (0–100, whole numbers). */
export function clampPriority(p: number): number {
  return Math.max(PRIORITY_MIN, Math.min(PRIORITY_MAX, Math.round(p)));
}

/** The folded brand, once. */
function brandOf(p: Probe): string | null {
  if (p.brand === undefined)
    p.brand = p.mention.brand === null ? null : foldForMatch(p.mention.brand);
  return p.brand;
}

/** Which keywords the text holds, once. */
function hitsOf(p: Probe): Uint8Array {
  return (p.hits ??= p.routing.keywords.hits(foldedWords(p.mention.text)));
}

/** How the author is on the VIP list ("@ceo", "ceo@x.com"), or null; once. */
function vipOf(p: Probe): string | null {
  if (p.vip !== undefined) return p.vip;
  const { author } = p.mention;
  const { vipHandles, vipEmails } = p.routing;
  const handle = handleKey(author.handle);
  const email = author.email?.trim().toLowerCase();
  // Connectors for e-mail put the address in `handle`.
  const handleAsEmail = author.handle.trim().toLowerCase();
  p.vip = vipHandles.has(handle)
    ? `@${handle}`
    : email && vipEmails.has(email)
      ? email
      : vipEmails.has(handleAsEmail)
        ? handleAsEmail
        : null;
  return p.vip;
}
