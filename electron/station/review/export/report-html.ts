import { RETRO_SECTIONS } from '../../../../shared/review/retrospective';
import type { ResponseFigures } from '../../../../shared/analytics/response';
import type { ReviewExport } from './export-model';
import type { ChartSvgs } from './report-charts';
import {
  CHARTS,
  count,
  duration,
  keyFigures,
  nameIn,
  percent,
  scopeLine,
  timeWriter,
} from './report-format';
import { REPORT_CSS } from './report-style';
import { FIRST_STATEMENT, HEADINGS, REDACTED_NOTE, SECTION_TITLES } from './report-words';
import { KPI_DEFINITIONS } from '../../../../shared/analytics/kpi-definitions';
import { eventSentence, foldedText, strayAnnotations, timelineRows } from './timeline-text';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
/** Text made safe for HTML content and attribute values (mention text is data, never markup). */
export const esc = (s: string | number | null | undefined): string =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c] as string);

// Nothing may load: no script, no font, no image but inline data, no frame, no form target.
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'";

type Ctx = {
  x: ReviewExport;
  svgs: ChartSvgs;
  at: (ms: number | null) => string;
  who: (id: string) => string;
};

const table = (head: string[], rows: string[][], numeric: number[] = []) =>
  `<table><thead><tr>${head.map((h, i) => `<th${numeric.includes(i) ? ' class="num"' : ''}>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map(
      (r) =>
        `<tr>${r.map((c, i) => `<td${numeric.includes(i) ? ' class="num"' : ''}>${c}</td>`).join('')}</tr>`,
    )
    .join('')}</tbody></table>`;

function header({ x, at }: Ctx): string {
  const status = x.retro ? `<span class="status">${esc(x.retro.status)}</span> ` : '';
  return `<header><h1>${esc(x.title)}</h1>
<p class="meta">Post-incident review · ${esc(x.room)}</p>
<p class="meta">${status}${esc(scopeLine(x))}</p>
<p class="meta">Generated ${esc(at(x.generatedAt))} · first-response target ${esc(duration(x.report.targetSeconds))}</p>
${x.redacted ? `<p class="banner">${esc(REDACTED_NOTE)}</p>` : ''}</header>`;
}

function figures({ x }: Ctx): string {
  const tiles = keyFigures(x)
    .map(
      (f) =>
        `<div class="tile"><p class="label">${esc(f.label)}</p><p class="value">${esc(f.value)}</p><p class="definition">${esc(f.definition)}</p></div>`,
    )
    .join('\n');
  const group = (name: string, list: { group: string; figures: ResponseFigures }[]) =>
    `<h3>By ${esc(name)}</h3>` +
    table(
      [name, 'Mentions', 'Answered', 'Median', '90th pct', 'Within target'],
      list.map(({ group: g, figures: f }) => [
        esc(g),
        esc(count(f.mentions)),
        esc(count(f.answered)),
        esc(duration(f.p50Seconds)),
        esc(duration(f.p90Seconds)),
        esc(percent(f.withinTarget)),
      ]),
      [1, 2, 3, 4, 5],
    );
  const by = x.report.responseBy;
  return `<section class="figures"><h2>${HEADINGS.figures}</h2><div class="tiles">${tiles}</div>
<h2>${HEADINGS.responseBy}</h2>
${group('channel', by.channel)}${group('department', by.department)}${group('priority', by.priority)}</section>`;
}

function charts({ svgs }: Ctx): string {
  const figs = CHARTS.map(({ id, kpi }) => {
    const d = KPI_DEFINITIONS[kpi];
    return `<figure>${svgs[id]}<figcaption><strong>${esc(d.label)}</strong><span class="definition">${esc(d.definition)}</span></figcaption></figure>`;
  });
  return `<section class="charts"><h2>${HEADINGS.charts}</h2>${figs.join('\n')}</section>`;
}

function retro({ x, at, who }: Ctx): string {
  const r = x.retro;
  if (!r)
    return `<section class="retro"><h2>${HEADINGS.retro}</h2><p class="empty">No retrospective has been written for this window.</p></section>`;
  const sections = RETRO_SECTIONS.map((k) => {
    const s = r.sections[k];
    return `<h3>${SECTION_TITLES[k]}</h3>${s && s.text.trim() ? `<p class="section-text">${esc(s.text)}</p><p class="meta">${esc(who(s.by))}, ${esc(at(Date.parse(s.at)))}</p>` : '<p class="empty">Not written.</p>'}`;
  }).join('\n');
  const actions =
    r.actions.length === 0
      ? '<p class="empty">No action items.</p>'
      : table(
          ['Done', 'Action', 'Owner', 'Due'],
          r.actions.map((a) => [
            a.done ? '✔ done' : 'open',
            esc(a.text),
            esc(a.owner ?? '—'),
            esc(a.due ?? '—'),
          ]),
        );
  return `<section class="retro"><h2>${HEADINGS.retro}</h2>
<p class="meta">Status: <span class="status">${esc(r.status)}</span> · opened by ${esc(who(r.openedBy))} ${esc(at(Date.parse(r.openedAt)))} · last changed ${esc(at(Date.parse(r.updatedAt)))}</p>
${sections}<h3>${HEADINGS.actions}</h3>${actions}</section>`;
}

function timeline({ x, at, who }: Ctx): string {
  const annotations = x.retro?.annotations ?? [];
  const rows = timelineRows(x.report.timeline, annotations, x.report.intervalMs).map((row) => {
    if (row.kind === 'folded')
      return `<tr class="folded"><td class="when">${esc(at(row.at))}</td><td>${esc(foldedText(row.counts))}</td><td></td></tr>`;
    const e = row.event;
    const late =
      e.recordedAt - e.at > 60_000
        ? ` <span class="meta">(recorded ${esc(at(e.recordedAt))})</span>`
        : '';
    const notes = row.notes
      .map((n) => `<span class="note">${esc(n.text)} — ${esc(who(n.by))}</span>`)
      .join('');
    const tag = e.firstStatement ? `<span class="tag">${FIRST_STATEMENT}:</span> ` : '';
    return `<tr${e.firstStatement ? ' class="first-statement"' : ''}><td class="when">${esc(at(e.at))}</td><td>${tag}${esc(eventSentence(e, who))}${late}${notes}</td><td>${esc(e.kind)}</td></tr>`;
  });
  const stray = strayAnnotations(x.report.timeline, annotations);
  const strayHtml =
    stray.length === 0
      ? ''
      : `<h3>Notes on events outside this window</h3><ul>${stray.map((n) => `<li>${esc(n.text)} — ${esc(who(n.by))}</li>`).join('')}</ul>`;
  const body =
    rows.length === 0
      ? '<p class="empty">Nothing happened in this window.</p>'
      : `<table><thead><tr><th>When</th><th>What happened</th><th>Kind</th></tr></thead><tbody>${rows.join('\n')}</tbody></table>`;
  return `<section class="timeline"><h2>${HEADINGS.timeline}</h2>${body}${strayHtml}</section>`;
}

function pins({ x, at, who }: Ctx): string {
  const cards = x.pins.map(({ pin, mention: m }) => {
    const head = m
      ? `<p class="meta">${esc(m.authorHandle)} · ${esc(m.channel)}${m.brand ? ` · ${esc(m.brand)}` : ''} · ${esc(at(m.occurredAt))} · ${esc(m.status)}</p><p class="quote">${esc(m.text)}</p>`
      : `<p class="empty">Mention ${esc(pin.mentionId)} is not held at this station.</p>`;
    const note = pin.note ? `<p class="note">${esc(pin.note)} — ${esc(who(pin.by))}</p>` : '';
    return `<div class="card">${head}${note}</div>`;
  });
  return `<section class="pins"><h2>${HEADINGS.pins}</h2>${cards.length === 0 ? '<p class="empty">No mention is pinned.</p>' : cards.join('\n')}</section>`;
}

function said({ x, at, who }: Ctx): string {
  const first = x.report.timeline.find((e) => e.firstStatement)?.opId;
  const cards = x.sends.map((s) => {
    const to =
      s.kind === 'statement'
        ? `statement to ${esc(s.audience)}`
        : `reply to ${esc(s.recipient?.author ?? s.toHandle ?? s.mentionId ?? 'a mention')}`;
    const approvals = s.approvals.length
      ? ` · approved by ${s.approvals.map((a) => `${esc(who(a.by))} (${esc(a.area)})`).join(', ')}`
      : '';
    const tag = s.opId === first ? `<span class="tag">${FIRST_STATEMENT}</span> · ` : '';
    return `<div class="card${s.opId === first ? ' first-statement' : ''}"><p class="meta">${tag}${esc(at(s.at))} · ${to} · ${esc(s.channel)} · sent by ${esc(who(s.by))}${approvals}</p><p class="quote">${esc(s.text)}</p></div>`;
  });
  return `<section class="said"><h2>${HEADINGS.said}</h2>${cards.length === 0 ? '<p class="empty">Nothing was sent in this window.</p>' : cards.join('\n')}</section>`;
}

/**
 * The review as one self-contained HTML file: inline CSS, charts as inline SVG (chartSvgs), no script and
 * nothing to load (a Content-Security-Policy says so to the browser too), every text escaped.
 */
export function reviewHtml(x: ReviewExport, svgs: ChartSvgs): string {
  const nameOf = nameIn(x);
  const ctx: Ctx = { x, svgs, at: timeWriter(x.timeZone), who: (id) => nameOf(id) };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${esc(x.title)} — post-incident review</title>
<style>${REPORT_CSS}</style>
</head>
<body>
${header(ctx)}
${figures(ctx)}
${charts(ctx)}
${retro(ctx)}
${timeline(ctx)}
${pins(ctx)}
${said(ctx)}
<footer>Holdline post-incident review of ${esc(x.room)}${x.reviewId ? ` · review ${esc(x.reviewId)}` : ''}${x.runId ? ` · run ${esc(x.runId)}` : ''} · ${count(x.sends.length)} sends, ${count(x.report.timeline.length)} timeline events</footer>
</body>
</html>
`;
}
