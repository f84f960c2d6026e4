import { z } from 'zod';

/** How much a finding matters: `block` stops approval, `warn` is advice. */
export const VOICE_SEVERITIES = ['block', 'warn'] as const;
/** A finding's severity. */
export type VoiceSeverity = (typeof VOICE_SEVERITIES)[number];

/** The key that makes a phrase list or a disclaimer apply to every language. */
export const ALL_LANGUAGES = 'all';

const LanguageKey = z
  .string()
  .regex(/^(all|[a-z]{2,3})$/, "use 'all' or a lowercase language code such as en, tr or pl");
// Free names, not the mention channel enum: statements also go to audiences like "press".
const NAME = /^[\p{Ll}\p{Lo}\p{N}][\p{Ll}\p{Lo}\p{N}_-]{0,63}$/u;
const NAME_HINT = 'use one lowercase word (letters, digits, - or _)';
/** A topic or channel as a draft names it: compared lowercase. */
const Name = z.string().trim().toLowerCase().regex(NAME, NAME_HINT);
// Map keys are not lowercased: "Twitter" and "twitter" would merge and one would be lost.
const NameKey = z.string().regex(NAME, NAME_HINT);
const Text = (max: number) => z.string().trim().min(1).max(max);

/**
 * A phrase: words matched whole, case-insensitively. A word may end in `*` to match any ending
 * (`gwarancj*` matches gwarancja, gwarancji, gwarancję), which inflected languages like Polish
 * and Turkish need; the stem before the `*` must be at least 3 letters so no rule matches all.
 */
const PhraseSchema = Text(200).regex(
  /^(?:[^\s*]+|[^\s*]{3,}\*)(?:\s+(?:[^\s*]+|[^\s*]{3,}\*))*$/u,
  "'*' may only end a word of at least 3 letters (gwarancj* matches gwarancja, gwarancji…)",
);

/** One phrase to flag, why, and what to write instead. */
export const PhraseRuleSchema = z
  .object({
    phrase: PhraseSchema,
    /** Completes the sentence "'<phrase>' …", e.g. "sounds dismissive". */
    reason: Text(300).optional(),
    /** What to write instead; offered as a one-click replacement. */
    suggest: Text(200).optional(),
    /** Overrides the list's default (block for banned, warn for tone). */
    severity: z.enum(VOICE_SEVERITIES).optional(),
  })
  .strict();
/** A phrase rule. */
export type PhraseRule = z.output<typeof PhraseRuleSchema>;

/** Phrase rules per language code, `all` for every language. */
const PhrasesByLanguage = z.record(LanguageKey, z.array(PhraseRuleSchema).max(1000));
/** Phrase rules per language. */
export type PhrasesByLanguage = z.output<typeof PhrasesByLanguage>;

/** A text in one form for every language, or per language code (`all` as the fallback). */
const TextByLanguage = z.preprocess(
  (v) => (typeof v === 'string' ? { [ALL_LANGUAGES]: v } : v),
  z
    .record(LanguageKey, Text(1000))
    .refine((m) => Object.keys(m).length > 0, 'give the text for at least one language'),
);

/** Text a message must carry when it is tagged with a topic (on the listed channels, or all). */
export const DisclaimerSchema = z
  .object({
    topic: Name,
    text: TextByLanguage,
    channels: z.array(Name).min(1).max(50).optional(),
  })
  .strict();
/** A disclaimer rule. */
export type Disclaimer = z.output<typeof DisclaimerSchema>;

/** Length limits on one channel, in characters as a reader counts them. */
export const LengthLimitSchema = z
  .object({
    max: z.number().int().positive().optional(),
    /** Shorter than this is a warning (a one-word reply to an angry customer). */
    min: z.number().int().nonnegative().optional(),
    /** Every link counts as this many characters (Twitter/X wraps links as 23). */
    urlLength: z.number().int().positive().max(100).optional(),
  })
  .strict()
  .refine((l) => l.min === undefined || l.max === undefined || l.min <= l.max, {
    message: 'min is above max',
  });
/** A channel's length limits. */
export type LengthLimit = z.output<typeof LengthLimitSchema>;

/** When replies read as copy-paste: `maxSimilarSent` sent replies at least `similarity` alike. */
export const PersonalisationSchema = z
  .object({
    /** Jaccard similarity of 3-word shingles, 0–1, after @handles, numbers and links are masked. */
    similarity: z.number().gt(0).max(1).default(0.9),
    maxSimilarSent: z.number().int().positive().default(5),
    /** Shorter replies ("Thank you!") are not checked: saying them often is fine. */
    minWords: z.number().int().nonnegative().default(8),
  })
  .strict();
/** Personalisation settings. */
export type Personalisation = z.output<typeof PersonalisationSchema>;

/** A brand's voice rules file (version 1). */
export const VoiceRulesSchema = z
  .object({
    version: z.literal(1),
    name: Text(200),
    /** Phrases never to use: `block` unless a rule says otherwise. */
    banned: PhrasesByLanguage.default({}),
    /** Phrases that read badly: `warn` unless a rule says otherwise. */
    tone: PhrasesByLanguage.default({}),
    disclaimers: z.array(DisclaimerSchema).max(200).default([]),
    /** Channel name → limits; a channel not listed has none. */
    length: z.record(NameKey, LengthLimitSchema).default({}),
    /** Left out: no near-duplicate check. */
    personalisation: PersonalisationSchema.optional(),
  })
  .strict();
/** Parsed voice rules. */
export type VoiceRules = z.output<typeof VoiceRulesSchema>;
