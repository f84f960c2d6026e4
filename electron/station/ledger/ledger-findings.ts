/** Where a ledger first goes wrong. Op fields are null when the line is not a readable op. */
export type LedgerFinding = {
  line: number;
  opId: string | null;
  origin: string | null;
  seq: number | null;
  reason: string;
};

/** A finding about a line as a whole. */
export function atLine(line: number, reason: string): LedgerFinding {
  return { line, opId: null, origin: null, seq: null, reason };
}

/**
 * The earliest finding of each kind. A line whose own bytes are wrong (unreadable, altered, out
 * of its chain) is named before a disagreement between intact lines (a count, a membership),
 * since one altered line can make others disagree earlier in the file: the first names the cause.
 */
export class Findings {
  private altered: LedgerFinding | undefined;
  private disagreeing: LedgerFinding | undefined;

  /** Keeps the finding if it is the earliest of its kind. */
  add(kind: 'altered' | 'disagreeing', f: LedgerFinding): void {
    const held = this[kind];
    if (!held || f.line < held.line) this[kind] = f;
  }

  /** The finding to report, if any. */
  get first(): LedgerFinding | undefined {
    return this.altered ?? this.disagreeing;
  }
}
