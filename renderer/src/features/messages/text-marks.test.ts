import { describe, expect, it } from 'vitest';
import {
  applyReplacement,
  caseNumber,
  excerptOf,
  fillVariables,
  marksOf,
  segmentsOf,
  unfilledVariables,
} from './text-marks';

describe('text marks', () => {
  it('finds the variables nobody filled and fills one', () => {
    const text = 'Hi Ana, case HL-1 arrives {{eta}}; {{ ETA }} again, {{case}}';
    expect(unfilledVariables(text)).toEqual(['eta', 'case']);
    expect(fillVariables(text, { eta: 'Monday', case: ' ' })).toBe(
      'Hi Ana, case HL-1 arrives Monday; Monday again, {{case}}',
    );
  });

  it('cuts a text into runs that re-join into it, blocking marks winning overlaps', () => {
    const text = 'we guarantee a full refund by {{eta}}';
    const marks = marksOf(text, [
      { rule: 'banned', severity: 'warn', message: 'w', start: 3, end: 12 },
      { rule: 'banned', severity: 'block', message: 'b', start: 3, end: 12 },
      { rule: 'tone', severity: 'warn', message: 'x', start: 10, end: 19 },
      { rule: 'length', severity: 'warn', message: 'no span' },
    ]);
    const runs = segmentsOf(text, marks);
    expect(runs.map((r) => r.text).join('')).toBe(text);
    expect(runs).toEqual([
      { text: 'we ', kind: null },
      { text: 'guarantee', kind: 'block' },
      { text: ' a full', kind: 'warn' },
      { text: ' refund by ', kind: null },
      { text: '{{eta}}', kind: 'variable' },
    ]);
  });

  it('ignores spans that do not fit the text (an answer for an older text)', () => {
    expect(
      marksOf('short', [{ rule: 'banned', severity: 'block', message: 'm', start: 2, end: 40 }]),
    ).toEqual([]);
  });

  it('quotes a span with its context and applies a replacement', () => {
    const text = 'Hello there, we guarantee it will be fixed today, promise.';
    expect(excerptOf(text, 13, 25, 6)).toEqual({
      before: '…here, ',
      match: 'we guarantee',
      after: ' it wi…',
    });
    expect(
      applyReplacement(text, {
        rule: 'banned',
        severity: 'block',
        message: 'm',
        start: 13,
        end: 25,
        replacement: 'we will do everything we can',
      }),
    ).toBe('Hello there, we will do everything we can it will be fixed today, promise.');
  });

  it('gives every mention a short, stable case number', () => {
    const a = caseNumber('twitter:980000000000000001');
    expect(a).toMatch(/^HL-[0-9A-Z]{6}$/);
    expect(caseNumber('twitter:980000000000000001')).toBe(a);
    expect(caseNumber('twitter:980000000000000002')).not.toBe(a);
  });
});
