/** One measured figure with the baseline measured in the same run. */
export type Figure = {
  name: string;
  value: number;
  unit: string;
  baseline: number;
  baselineName: string;
  /** 'higher' when bigger is better (throughput), 'lower' for latency and memory. */
  better: 'higher' | 'lower';
  goal?: string;
};

function fmt(n: number): string {
  return Math.abs(n) >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(2);
}

/** Prints figures as a table and as one `BENCH {…}` line each. ratio = value / baseline. */
export function report(figures: readonly Figure[]): void {
  const rows = figures.map((f) => ({ ...f, ratio: f.baseline === 0 ? 0 : f.value / f.baseline }));
  const header = ['figure', 'value', 'baseline (same run)', 'ratio', 'goal'];
  const table = rows.map((r) => [
    r.name,
    `${fmt(r.value)} ${r.unit}`,
    `${fmt(r.baseline)} ${r.unit} — ${r.baselineName}`,
    r.ratio.toFixed(3),
    r.goal ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => (t[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ');
  console.log('\n' + line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const t of table) console.log(line(t));
  console.log('');
  for (const r of rows) {
    console.log(
      'BENCH ' +
        JSON.stringify({
          name: r.name,
          value: Number(r.value.toFixed(3)),
          unit: r.unit,
          baseline: Number(r.baseline.toFixed(3)),
          ratio: Number(r.ratio.toFixed(4)),
        }),
    );
  }
}
