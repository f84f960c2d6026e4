/**
 * The exported report's only stylesheet, inlined: system fonts (nothing to load), readable on a
 * screen, and on paper A4 with headings kept with what follows and no row, tile, chart or
 * mention split across pages.
 */
export const REPORT_CSS = `
:root { color-scheme: light; --ink: #111; --muted: #555; --line: #d0d4d9; --soft: #f4f6f8; --mark: #9a6700; }
* { box-sizing: border-box; }
html { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: var(--ink); background: #fff; }
body { max-width: 980px; margin: 0 auto; padding: 24px 28px 48px; }
h1 { font-size: 1.9rem; margin: 0 0 4px; line-height: 1.2; }
h2 { font-size: 1.35rem; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--ink); }
h3 { font-size: 1.05rem; margin: 18px 0 6px; }
p, ul { margin: 6px 0; }
.meta { color: var(--muted); margin: 2px 0; }
.banner { border: 2px solid var(--mark); color: var(--mark); padding: 6px 10px; margin: 12px 0; font-weight: 600; }
.tiles { display: grid; grid-template-columns: repeat(auto-fill, minmax(210px, 1fr)); gap: 10px; }
.tile { border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; background: var(--soft); }
.tile .label { font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.03em; color: var(--muted); }
.tile .value { font-size: 1.15rem; font-weight: 650; margin: 2px 0 4px; }
.tile .definition, .definition { font-size: 0.78rem; color: var(--muted); margin: 0; }
figure { margin: 14px 0 20px; }
figure svg { display: block; width: 100%; height: auto; }
figcaption { margin-top: 4px; }
figcaption strong { display: block; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 14px; font-size: 0.9rem; }
th, td { text-align: left; vertical-align: top; padding: 4px 8px; border-bottom: 1px solid var(--line); }
th { background: var(--soft); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.when { white-space: nowrap; font-variant-numeric: tabular-nums; }
.status { display: inline-block; border: 1px solid var(--ink); border-radius: 4px; padding: 0 6px; font-size: 0.85rem; }
.section-text { white-space: pre-wrap; overflow-wrap: anywhere; }
.first-statement td { background: #fff4d6; }
.first-statement .tag { font-weight: 700; color: var(--mark); }
.note { display: block; margin-top: 3px; padding-left: 8px; border-left: 3px solid var(--mark); font-size: 0.88rem; }
.folded td { color: var(--muted); font-style: italic; }
.quote { white-space: pre-wrap; overflow-wrap: anywhere; border-left: 3px solid var(--line); padding: 2px 0 2px 10px; margin: 4px 0; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; margin: 10px 0; }
.empty { color: var(--muted); font-style: italic; }
footer { margin-top: 36px; color: var(--muted); font-size: 0.8rem; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  html { font-size: 10.5pt; }
  body { max-width: none; padding: 0; }
  h2 { break-after: avoid-page; page-break-after: avoid; }
  h3 { break-after: avoid-page; page-break-after: avoid; }
  section.charts, section.retro, section.timeline { break-before: page; page-break-before: always; }
  .tile, figure, tr, .card, .banner { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  .tile, th, .first-statement td { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;
