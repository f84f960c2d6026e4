import type { VoiceFinding } from '../../../../shared/messaging/voice/voice-finding';
import {
  VARIABLE,
  fillTemplate,
  variablesOf,
} from '../../../../shared/messaging/template-variables';

export { caseNumber } from '../../../../shared/messaging/wave';

/** A highlighted span of a text (UTF-16 offsets, end exclusive) and why it is highlighted. */
export type Mark = { start: number; end: number; kind: 'block' | 'warn' | 'variable' };

/** A run of text, highlighted or not, in reading order. */
export type Segment = { text: string; kind: Mark['kind'] | null };

/** Template variables still in a text ({{eta}} nobody filled yet), in order of first use. */
export const unfilledVariables = variablesOf;

/** Fills the {{variables}} given a value; the others stay for the operator to fill. */
export function fillVariables(text: string, values: Readonly<Record<string, string>>): string {
  return fillTemplate(text, values).text;
}

/** Marks for the voice findings that point at a span, and for every unfilled variable. */
export function marksOf(text: string, findings: readonly VoiceFinding[]): Mark[] {
  const marks: Mark[] = [];
  for (const f of findings)
    if (f.start !== undefined && f.end !== undefined && f.end > f.start && f.end <= text.length)
      marks.push({ start: f.start, end: f.end, kind: f.severity });
  for (const m of text.matchAll(VARIABLE))
    marks.push({ start: m.index, end: m.index + m[0].length, kind: 'variable' });
  return marks;
}

/**
 * Cuts a text into plain and highlighted runs. Overlapping marks are clipped so every character
 * appears once; a blocking mark wins over a warning at the same start.
 */
export function segmentsOf(text: string, marks: readonly Mark[]): Segment[] {
  const rank = { block: 0, variable: 1, warn: 2 } as const;
  const sorted = [...marks].sort((a, b) => a.start - b.start || rank[a.kind] - rank[b.kind]);
  const out: Segment[] = [];
  let at = 0;
  for (const m of sorted) {
    const start = Math.max(m.start, at);
    if (m.end <= start) continue;
    if (start > at) out.push({ text: text.slice(at, start), kind: null });
    out.push({ text: text.slice(start, m.end), kind: m.kind });
    at = m.end;
  }
  if (at < text.length) out.push({ text: text.slice(at), kind: null });
  return out;
}

/** The words around a span, for a finding's excerpt: up to `context` characters each side. */
export function excerptOf(
  text: string,
  start: number,
  end: number,
  context = 30,
): { before: string; match: string; after: string } {
  const from = Math.max(0, start - context);
  const to = Math.min(text.length, end + context);
  return {
    before: (from > 0 ? '…' : '') + text.slice(from, start),
    match: text.slice(start, end),
    after: text.slice(end, to) + (to < text.length ? '…' : ''),
  };
}

/** Applies a finding's one-click replacement to the text it was found in. */
export function applyReplacement(text: string, f: VoiceFinding): string {
  if (f.start === undefined || f.end === undefined || f.replacement === undefined) return text;
  return text.slice(0, f.start) + f.replacement + text.slice(f.end);
}
