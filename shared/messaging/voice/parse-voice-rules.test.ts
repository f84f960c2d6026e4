/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import example from '../../../resources/voice/holdline-example.yaml?raw';
import { formatProblem } from '../../yaml/parse-with-schema';
import { checkVoice } from './check-voice';
import { parseVoiceRules } from './parse-voice-rules';

const problemsOf = (text: string) => {
  const r = parseVoiceRules(text, 'voice.yaml');
  if (r.ok) throw new Error('expected problems');
  return r.problems.map(formatProblem);
};

describe('reading voice rules', () => {
  it('reads the example shipped in resources/, with rules for English, Turkish and Polish', () => {
    const r = parseVoiceRules(example, 'holdline-example.yaml');
    if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
    expect(Object.keys(r.rules.banned)).toEqual(expect.arrayContaining(['en', 'tr', 'pl']));
    expect(Object.keys(r.rules.tone)).toEqual(expect.arrayContaining(['en', 'tr', 'pl']));
    expect(r.rules.length.twitter?.max).toBe(280);
    expect(r.rules.length.email?.max).toBeUndefined();
    // A plain string disclaimer applies to every language.
    expect(r.rules.disclaimers.find((d) => d.topic === 'promotion')?.text).toEqual({ all: '#ad' });
    const findings = checkVoice(
      'Calm down, this was not our fault.',
      { language: 'en', channel: 'twitter', topics: [] },
      r.rules,
    );
    expect(findings.map((f) => [f.rule, f.severity])).toEqual([
      ['banned', 'block'],
      ['tone', 'warn'],
    ]);
  });

  it('fills in defaults for the lists a brand leaves out', () => {
    const r = parseVoiceRules('version: 1\nname: Minimal\n', 'min.yaml');
    expect(r).toEqual({
      ok: true,
      rules: { version: 1, name: 'Minimal', banned: {}, tone: {}, disclaimers: [], length: {} },
    });
  });

  it('reports broken YAML at its line and column', () => {
    const text = 'version: 1\nname: Broken\nbanned:\n  en:\n    - phrase: [unclosed\n';
    expect(problemsOf(text)[0]).toMatch(/^voice\.yaml:\d+:\d+: /);
    expect(problemsOf('version: 1\nname: a\nname: b\n')).toEqual([
      expect.stringMatching(/^voice\.yaml:3:1: .*unique/i),
    ]);
  });

  it('names the line, column and field of each schema problem', () => {
    const text = [
      'version: 1',
      'name: Bad',
      'banned:',
      '  EN:',
      '    - phrase: we guarantee',
      '  tr:',
      '    - phrase: garanti',
      '      sugest: söz veriyoruz',
      'tone:',
      '  pl:',
      "    - phrase: 'n*'",
      'length:',
      '  twitter: { max: 10, min: 20 }',
      'personalisation:',
      '  similarity: 1.5',
      '',
    ].join('\n');
    expect(problemsOf(text)).toEqual([
      `voice.yaml:4:3: banned.EN: use 'all' or a lowercase language code such as en, tr or pl`,
      expect.stringMatching(/^voice\.yaml:7:7: banned\.tr\.0: .*sugest/),
      expect.stringMatching(/^voice\.yaml:11:7: tone\.pl\.0\.phrase: '\*' may only end a word/),
      'voice.yaml:13:3: length.twitter: min is above max',
      expect.stringMatching(/^voice\.yaml:15:3: personalisation\.similarity: /),
    ]);
  });
});
