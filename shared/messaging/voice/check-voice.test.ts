import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../yaml/parse-with-schema';
import { checkVoice, passesVoice, type VoiceContext, type VoiceFinding } from './check-voice';
import { parseVoiceRules } from './parse-voice-rules';
import { SentIndex } from './sent-index';

const RULES_YAML = `
version: 1
name: Test brand
banned:
  all:
    - phrase: project icarus
      reason: is an internal code name
  en:
    - phrase: we guarantee
      reason: promises an outcome legal has not approved
      suggest: we will do everything we can
  tr:
    - phrase: garanti ediyoruz
      suggest: elimizden gelen her şeyi yapıyoruz
    - phrase: hatalıyız
  pl:
    - phrase: pełny zwrot
    - phrase: odszkodowa*
tone:
  en:
    - phrase: calm down
      reason: sounds dismissive
      suggest: I understand how frustrating this is
  tr:
    - phrase: sakin olun
  pl:
    - phrase: proszę się uspokoić
disclaimers:
  - topic: recall
    text:
      en: Visit example.com/recall for details.
      tr: Ayrıntılar için example.com/recall adresini ziyaret edin.
  - topic: promotion
    channels: [twitter]
    text: '#ad'
length:
  twitter: { max: 280, urlLength: 23 }
  email: { min: 40 }
personalisation:
  similarity: 0.9
  maxSimilarSent: 5
  minWords: 8
`;

const parsed = parseVoiceRules(RULES_YAML, 'test.yaml');
if (!parsed.ok) throw new Error(parsed.problems.map(formatProblem).join('\n'));
const rules = parsed.rules;

const ctx = (language: string, channel = 'facebook', topics: string[] = []): VoiceContext => ({
  language,
  channel,
  topics,
});
/** Each finding as [rule, severity, the words it highlights]. */
const seen = (text: string, findings: VoiceFinding[]) =>
  findings.map((f) => [
    f.rule,
    f.severity,
    f.start === undefined ? undefined : text.slice(f.start, f.end),
  ]);
const check = (text: string, context: VoiceContext, sent?: SentIndex) =>
  seen(text, checkVoice(text, context, rules, sent));

describe('banned phrases', () => {
  it('block an English phrase in any case, with the reason and a replacement in sentence case', () => {
    const text = 'WE GUARANTEE nothing. We guarantee a fix by Friday.';
    const findings = checkVoice(text, ctx('en'), rules);
    expect(seen(text, findings)).toEqual([
      ['banned', 'block', 'WE GUARANTEE'],
      ['banned', 'block', 'We guarantee'],
    ]);
    expect(findings[1]?.message).toBe(
      "'We guarantee' promises an outcome legal has not approved: try 'we will do everything we can'.",
    );
    expect(findings[1]?.replacement).toBe('We will do everything we can');
    expect(passesVoice(findings)).toBe(false);
  });

  it('match whole words only, across any spacing, and apply "all" rules in every language', () => {
    expect(check('We guaranteed it, and swe guarantee nothing.', ctx('en'))).toEqual([]);
    expect(check('Project\n  Icarus slipped.', ctx('pl'))).toEqual([
      ['banned', 'block', 'Project\n  Icarus'],
    ]);
    // A rule for all languages is not Turkish: its I is the English one, even in a Turkish draft.
    expect(check('PROJECT ICARUS gecikti.', ctx('tr'))).toEqual([
      ['banned', 'block', 'PROJECT ICARUS'],
    ]);
  });

  it('lowercase Turkish with Turkish rules: İ is i and I is ı', () => {
    const text = 'GARANTİ EDİYORUZ, HATALIYIZ.';
    expect(check(text, ctx('tr-TR'))).toEqual([
      ['banned', 'block', 'GARANTİ EDİYORUZ'],
      ['banned', 'block', 'HATALIYIZ'],
    ]);
    // Dotted and dotless i are different letters: "hataliyiz" is not the banned word.
    expect(check('hataliyiz', ctx('tr'))).toEqual([]);
    // Turkish rules do not apply to an English draft.
    expect(check(text, ctx('en'))).toEqual([]);
  });

  it('match Polish letters, word endings after a *, and text typed with combining accents', () => {
    expect(check('PEŁNY ZWROT i odszkodowaniem.', ctx('pl'))).toEqual([
      ['banned', 'block', 'PEŁNY ZWROT'],
      ['banned', 'block', 'odszkodowaniem'],
    ]);
    const decomposed = 'No i proszę się uspokoić.'.normalize('NFD');
    expect(check(decomposed, ctx('pl'))).toEqual([
      ['tone', 'warn', 'proszę się uspokoić'.normalize('NFD')],
    ]);
  });
});

describe('tone', () => {
  it('warns without blocking, in words the operator understands', () => {
    const findings = checkVoice('Please calm down, we are on it.', ctx('en'), rules);
    expect(findings).toEqual([
      {
        rule: 'tone',
        severity: 'warn',
        message: "'calm down' sounds dismissive: try 'I understand how frustrating this is'.",
        start: 7,
        end: 16,
        replacement: 'I understand how frustrating this is',
      },
    ]);
    expect(passesVoice(findings)).toBe(true);
    expect(check('SAKİN OLUN lütfen.', ctx('tr'))).toEqual([['tone', 'warn', 'SAKİN OLUN']]);
  });
});

describe('disclaimers', () => {
  it('block a draft tagged with the topic that lacks the text', () => {
    const findings = checkVoice(
      'We are recalling the kettle.',
      ctx('en', 'web', ['recall']),
      rules,
    );
    expect(findings.map((f) => [f.rule, f.severity, f.message])).toEqual([
      [
        'disclaimer',
        'block',
        `Messages about 'recall' must include: "Visit example.com/recall for details."`,
      ],
    ]);
  });

  it('accept the text in any case and spacing, with or without its full stop', () => {
    const text = 'We are recalling the kettle.  VISIT example.com/recall\nfor   details!';
    expect(check(text, ctx('en', 'web', ['Recall']))).toEqual([]);
    expect(check('We are recalling the kettle.', ctx('en', 'web', ['outage']))).toEqual([]);
  });

  it("ask for the draft's own language, and only on the channels listed", () => {
    const english = 'Ürünü geri çağırıyoruz. Visit example.com/recall for details.';
    expect(check(english, ctx('tr', 'email', ['recall']))).toEqual([
      ['disclaimer', 'block', undefined],
    ]);
    const turkish =
      'Ürünü geri çağırıyoruz. Ayrıntılar için example.com/recall adresini ziyaret edin.';
    expect(check(turkish, ctx('tr', 'email', ['recall']))).toEqual([]);
    expect(check('New kettle out now', ctx('en', 'twitter', ['promotion']))).toEqual([
      ['disclaimer', 'block', undefined],
    ]);
    expect(check('New kettle out now #ad', ctx('en', 'twitter', ['promotion']))).toEqual([]);
    expect(check('New kettle out now #adidas', ctx('en', 'twitter', ['promotion']))).toHaveLength(
      1,
    );
    expect(check('New kettle out now', ctx('en', 'facebook', ['promotion']))).toEqual([]);
  });

  it('warn when the rules have no text in the draft language', () => {
    const findings = checkVoice('Wycofujemy czajnik.', ctx('pl', 'web', ['recall']), rules);
    expect(findings.map((f) => [f.rule, f.severity])).toEqual([['disclaimer', 'warn']]);
    expect(findings[0]?.message).toMatch(/none in 'pl'/);
  });
});

describe('length', () => {
  it('blocks a tweet over 280 characters and highlights what does not fit', () => {
    const text = `${'a'.repeat(270)} ${'b'.repeat(20)}`;
    const [finding] = checkVoice(text, ctx('en', 'twitter'), rules);
    expect(finding?.rule).toBe('length');
    expect(finding?.severity).toBe('block');
    expect(finding?.message).toBe('Too long for twitter: 291 characters where 280 fit; cut 11.');
    expect(text.slice(finding?.start, finding?.end)).toBe('b'.repeat(11));
  });

  it('counts characters as a reader does, and a link as 23 on Twitter', () => {
    const emoji = '👍🏽'.repeat(280); // each one is four UTF-16 code units
    expect(check(emoji, ctx('en', 'twitter'))).toEqual([]);
    expect(check(`${emoji}!`, ctx('en', 'twitter'))).toEqual([['length', 'block', '!']]);
    const link = `${'a'.repeat(256)} https://example.com/${'x'.repeat(100)}`;
    expect(check(link, ctx('en', 'twitter'))).toEqual([]);
    expect(check(`${link} b`, ctx('en', 'twitter'))).toEqual([['length', 'block', ' b']]);
    // Twitter links a bare domain too: 257 + 1 + 23 is one over.
    const bare = `${'a'.repeat(257)} example.com/recall`;
    expect(check(bare, ctx('en', 'twitter'))).toEqual([['length', 'block', 'example.com/recall']]);
    expect(checkVoice(bare, ctx('en', 'twitter'), rules)[0]?.message).toBe(
      'Too long for twitter: 281 characters (each link counts as 23) where 280 fit; cut 1.',
    );
    expect(check(`${'a'.repeat(257)} Mr.Smith`, ctx('en', 'twitter'))).toEqual([]);
  });

  it('warns under the minimum, and leaves channels without limits alone', () => {
    expect(check('Sorry!', ctx('en', 'email'))).toEqual([['length', 'warn', undefined]]);
    expect(check('x'.repeat(10_000), ctx('en', 'email'))).toEqual([]);
    expect(check('x'.repeat(10_000), ctx('en', 'web'))).toEqual([]);
  });
});

describe('personalisation', () => {
  const template = (handle: string, flight: string, hours: number) =>
    `Hi @${handle}, we are so sorry about flight ${flight} today. Our team will rebook you within ${hours} hours, no fee.`;
  const sentCopies = (n: number) => {
    const sent = new SentIndex();
    const handles = ['ana', 'bo', 'cem', 'dorota', 'ece', 'filip', 'gul'];
    for (let i = 0; i < n; i++) sent.add(template(handles[i] ?? 'x', `TK${100 + i * 7}`, i + 2));
    sent.add('Thank you for your patience, we will be in touch.');
    return sent;
  };

  it('flags a draft that five sent replies match once handles and numbers are set aside', () => {
    const draft = template('zoe_k', 'TK1985', 48);
    const findings = checkVoice(draft, ctx('en', 'facebook'), rules, sentCopies(6));
    expect(seen(draft, findings)).toEqual([['personalisation', 'warn', undefined]]);
    expect(findings[0]?.message).toMatch(/^6 replies already sent are at least 90% the same/);
    // All six are one text once masked: the first one sent stands for them.
    expect(findings[0]?.examples).toEqual([template('ana', 'TK100', 2)]);
  });

  it('does not flag below the count, a personal reply, or a short courtesy', () => {
    expect(check(template('zoe', 'TK1', 4), ctx('en'), sentCopies(4))).toEqual([]);
    const personal =
      'Hi @zoe, I saw you were travelling with your daughter: I have moved you both to the 18:40 with seats together, and the lounge desk has a voucher for dinner.';
    expect(check(personal, ctx('en'), sentCopies(7))).toEqual([]);
    const thanks = new SentIndex();
    for (let i = 0; i < 50; i++) thanks.add('Thank you so much!');
    expect(check('Thank you so much!', ctx('en'), thanks)).toEqual([]);
  });
});
