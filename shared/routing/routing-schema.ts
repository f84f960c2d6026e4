import { z } from 'zod';
import { ChannelSchema, SENTIMENT_LABELS } from '../domain/mention';
import { DepartmentSchema } from '../domain/people';
import { MIN_STEM_CHARS, keywordWords } from './keyword-index';

/** Lowest and highest priority: the range `priorityOf` (shared/domain/priority.ts) produces. */
export const PRIORITY_MIN = 0;
/** Highest priority. */
export const PRIORITY_MAX = 100;

const NAME = /^[\p{Ll}\p{Lo}\p{N}][\p{Ll}\p{Lo}\p{N}_-]{0,63}$/u;
const NAME_HINT = 'use one lowercase word (letters, digits, - or _)';
/** A skill, tag or topic name: one lowercase word. */
const Name = z.string().trim().toLowerCase().regex(NAME, NAME_HINT);
// Map keys are not lowercased: "Refunds" and "refunds" would merge and one would be lost.
const NameKey = z.string().regex(NAME, NAME_HINT);
const list = <T extends z.ZodType>(item: T, max: number) => z.array(item).min(1).max(max);

/**
 * A keyword or phrase, matched on whole words, ignoring case and accents. A word may end in
 * `*` to match any ending (`avukat*` matches avukatım, avukatlar); its stem needs 3 letters.
 */
const KeywordSchema = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .superRefine((k, ctx) => {
    const words = keywordWords(k);
    if (!words) ctx.addIssue({ code: 'custom', message: `'${k}' has no letters or digits` });
    else if (/\*(?!\s|$)/u.test(k) || words.some((w) => w.stem && w.word.length < MIN_STEM_CHARS))
      ctx.addIssue({
        code: 'custom',
        message: `'${k}': '*' may only end a word of at least ${MIN_STEM_CHARS} letters (avukat* matches avukatım…)`,
      });
  });

const LanguageCode = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z]{2,3}$/, 'use a language code such as en, es or tr');

/** A VIP: an @handle (the @ is optional) or an e-mail address, compared without case. */
const VipSchema = z
  .string()
  .trim()
  .min(2)
  .max(320)
  .regex(/^(@?[^\s@]+|[^\s@]+@[^\s@]+)$/u, 'use an @handle or an e-mail address');

/** Conditions of a rule: all fields given must match (AND); within a list, any entry (OR). */
export const WhenSchema = z
  .object({
    keywords: list(KeywordSchema, 500).optional(),
    /** Names of keyword lists defined under `topics:`. */
    topics: list(Name, 50).optional(),
    languages: list(LanguageCode, 50).optional(),
    sentiment: list(z.enum(SENTIMENT_LABELS), 3).optional(),
    /** Inclusive bounds on the sentiment score (-10 very negative … 10 very positive). */
    sentimentScore: z
      .object({ min: z.number().optional(), max: z.number().optional() })
      .strict()
      .refine((s) => s.min !== undefined || s.max !== undefined, 'give min, max or both')
      .refine((s) => (s.min ?? -Infinity) <= (s.max ?? Infinity), 'min is above max')
      .optional(),
    channels: list(ChannelSchema, 20).optional(),
    /** Compared without case or accents. */
    brands: list(z.string().trim().min(1).max(128), 100).optional(),
    /** The author's mentions in this room, counting this one (3 = their third or later). */
    authorMentionsAtLeast: z.number().int().min(1).max(1_000_000).optional(),
    /** The department the author's previous mention was routed to. */
    authorLastDepartment: list(DepartmentSchema, 10).optional(),
    /** true: the author is on the file's `vip` list; false: they are not. */
    vip: z.boolean().optional(),
  })
  .strict();
/** A rule's conditions. */
export type When = z.output<typeof WhenSchema>;

/** What a matching rule does. */
export const ThenSchema = z
  .object({
    /** The first matching rule that names a department decides it. */
    department: DepartmentSchema.optional(),
    /** Absolute priority; the first matching rule that gives one decides it. */
    priority: z.number().int().min(PRIORITY_MIN).max(PRIORITY_MAX).optional(),
    /** Added to the priority (negative lowers it); every matching rule's raise counts. */
    raise: z.number().int().min(-PRIORITY_MAX).max(PRIORITY_MAX).optional(),
    /** Skills the operator who takes the mention must have (all of them). */
    skills: z.array(Name).max(20).optional(),
    tags: z.array(Name).max(20).optional(),
    /** Whether routing ends here; default: yes when the rule names a department, else no. */
    stop: z.boolean().optional(),
  })
  .strict()
  .refine((t) => t.priority === undefined || t.raise === undefined, {
    message: 'give priority or raise, not both',
    path: ['raise'],
  });
/** A rule's effects. */
export type Then = z.output<typeof ThenSchema>;

/** One routing rule. A rule without `when` matches every mention (a catch-all). */
export const RoutingRuleSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    when: WhenSchema.default({}),
    then: ThenSchema,
  })
  .strict();
/** A routing rule. */
export type RoutingRule = z.output<typeof RoutingRuleSchema>;

/** Where a department's waiting mentions may also go when nobody there is free. */
export const OverflowSchema = z
  .object({
    from: DepartmentSchema,
    to: DepartmentSchema,
    /** How long a mention waits in `from` before `to`'s operators may take it too. */
    afterSeconds: z.number().int().min(0).max(86_400),
  })
  .strict()
  .refine((o) => o.from !== o.to, { message: 'from and to are the same department', path: ['to'] });
/** An overflow rule. */
export type Overflow = z.output<typeof OverflowSchema>;

/** How alike mentions must be to be answered together as one wave. */
export const NearDuplicateSettingsSchema = z
  .object({
    /** Jaccard similarity of word shingles, 0–1, after handles, links and numbers are removed. */
    similarity: z.number().gt(0).max(1).default(0.6),
    /** Words per shingle. */
    shingleWords: z.number().int().min(1).max(5).default(2),
  })
  .strict();
/** Near-duplicate settings. */
export type NearDuplicateSettings = z.output<typeof NearDuplicateSettingsSchema>;

/** A routing rules file (version 1). */
export const RoutingRulesSchema = z
  .object({
    version: z.literal(1),
    /** Named keyword lists that rules refer to under `when.topics`. */
    topics: z.record(NameKey, list(KeywordSchema, 1000)).default({}),
    vip: z.array(VipSchema).max(10_000).default([]),
    rules: z.array(RoutingRuleSchema).max(1000),
    /** One overflow per department at most; a mention overflows once (no chains). */
    overflow: z.array(OverflowSchema).max(50).default([]),
    nearDuplicates: NearDuplicateSettingsSchema.default({ similarity: 0.6, shingleWords: 2 }),
  })
  .strict()
  .superRefine((file, ctx) => {
    const names = new Set<string>();
    file.rules.forEach((rule, i) => {
      if (names.has(rule.name))
        ctx.addIssue({
          code: 'custom',
          path: ['rules', i, 'name'],
          message: 'a rule by this name comes earlier',
        });
      names.add(rule.name);
      rule.when.topics?.forEach((t, j) => {
        if (!Object.hasOwn(file.topics, t))
          ctx.addIssue({
            code: 'custom',
            path: ['rules', i, 'when', 'topics', j],
            message: `no topic '${t}' under topics:`,
          });
      });
    });
    const from = new Set<string>();
    file.overflow.forEach((o, i) => {
      if (from.has(o.from))
        ctx.addIssue({
          code: 'custom',
          path: ['overflow', i, 'from'],
          message: `${o.from} already overflows`,
        });
      from.add(o.from);
    });
  });
/** A parsed routing rules file. */
export type RoutingRules = z.output<typeof RoutingRulesSchema>;
