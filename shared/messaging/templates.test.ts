import { describe, expect, it } from 'vitest';
import { fillTemplate, parseTemplates, variablesOf } from './templates';

describe('templates', () => {
  it('lists and fills {{variables}}, leaving the unfilled ones in place and named', () => {
    const text = 'Hi {{author}}, case {{ case }} is open; we expect it {{eta}}. Thanks {{author}}!';
    expect(variablesOf(text)).toEqual(['author', 'case', 'eta']);
    expect(fillTemplate(text, { author: '@rita', case: 'C-42', eta: '' })).toEqual({
      text: 'Hi @rita, case C-42 is open; we expect it {{eta}}. Thanks @rita!',
      missing: ['eta'],
    });
  });

  it('keeps what a value says as it is (a handle with $& is not a replacement pattern)', () => {
    expect(fillTemplate('Hi {{author}}', { author: '$&<b>' }).text).toBe('Hi $&<b>');
  });

  it('reads a templates file and names the line of a bad entry', () => {
    const ok = parseTemplates(
      'version: 1\ntemplates:\n  - { id: a, name: A, kind: reply, language: en, text: Hi }\n',
      't.yaml',
    );
    expect(ok.ok).toBe(true);
    const bad = parseTemplates(
      'version: 1\ntemplates:\n  - { id: a, name: A, kind: tweet, language: en, text: Hi }\n',
      't.yaml',
    );
    expect(bad).toMatchObject({ ok: false, problems: [expect.objectContaining({ line: 3 })] });
  });
});
