import { KPI_DEFINITIONS } from '../../../../shared/analytics/kpi-definitions';
import type { ResponseFigures } from '../../../../shared/analytics/response';
import { RETRO_SECTIONS } from '../../../../shared/review/retrospective';
import { englishDuration } from '../../../../shared/review/charts/chart-labels';
import type { ReviewExport } from './export-model';
import {
  count,
  duration,
  keyFigures,
  nameIn,
  percent,
  scopeLine,
  score,
  timeWriter,
} from './report-format';
import { FIRST_STATEMENT, HEADINGS, REDACTED_NOTE, SECTION_TITLES } from './report-words';
import { eventSentence, foldedText, strayAnnotations, timelineRows } from './timeline-text';

/**
 * User text as literal Markdown: every character Markdown or its HTML could read as syntax is
 * backslash-escaped (so `<script>`, `*`, `[x](y)` and `|` stay text), and a line cannot start a
 * heading, list or quote.
 */
export function mdText(s: string): string {
  return s
    .replace(/[\\`*_[\]<>|~&!#{}()]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([-+=>]|\d+[.)])/gm, (_m, sp: string, c: string) => `${sp}\\${c}`);
}

/** A table cell: escaped, on one line. */
const cell = (s: string) => mdText(s).replace(/\r?\n/g, ' ');

const table = (head: string[], rows: string[][], right: number[] = []) =>
  [
    `| ${head.map(cell).join(' | ')} |`,
    `| ${head.map((_h, i) => (right.includes(i) ? '---:' : '---')).join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');

/** A multi-line text as a quote block. */
const quote = (s: string) =>
  mdText(s)
    .split(/\r?\n/)
    .map((l) => `> ${l}`)
    .join('\n');

/** Lines of a paragraph kept as written (hard breaks). */
const para = (s: string) => mdText(s).split(/\r?\n/).join('  \n');

function responseBy(name: string, list: { group: string; figures: ResponseFigures }[]): string {
  return `### By ${name}\n\n${table(
    [name, 'Mentions', 'Answered', 'Median', '90th pct', 'Within target'],
    list.map(({ group, figures: f }) => [
      group,
      count(f.mentions),
      count(f.answered),
      duration(f.p50Seconds),
      duration(f.p90Seconds),
      percent(f.withinTarget),
    ]),
    [1, 2, 3, 4, 5],
  )}`;
}

function charts(x: ReviewExport, at: (ms: number) => string): string[] {
  const r = x.report;
  const definitions = (['volume', 'sentiment-series', 'backlog-series', 'staffing'] as const)
    .map((k) => `- **${KPI_DEFINITIONS[k].label}**: ${mdText(KPI_DEFINITIONS[k].definition)}`)
    .join('\n');
  const rows = r.volume.map((v, i) => {
    const s = r.sentimentSeries[i];
    const b = r.backlogSeries[i];
    const st = r.staffing[i];
    const one = (n: number | null | undefined) =>
      n == null ? '—' : String(Math.round(n * 10) / 10);
    return [
      at(v.start),
      count(v.count),
      score(s?.meanScore ?? null),
      percent(s?.negativeShare ?? null),
      b ? count(b.open) : '—',
      b ? englishDuration(b.oldestSeconds) : '—',
      one(st?.needed),
      one(st?.present),
    ];
  });
  const hist = r.responseHistogram.map((b) => [
    b.upToSeconds === null ? 'longer' : `≤ ${englishDuration(b.upToSeconds)}`,
    count(b.count),
  ]);
  return [
    `## ${HEADINGS.charts}`,
    'The HTML and PDF reports draw these figures as charts; here they are as tables.',
    definitions,
    `### Per interval (${englishDuration(r.intervalMs / 1000)})`,
    table(
      [
        'Interval from',
        'Mentions',
        'Mean sentiment',
        'Negative',
        'Waiting',
        'Oldest wait',
        'Staff needed',
        'Staff present',
      ],
      rows,
      [1, 2, 3, 4, 5, 6, 7],
    ),
    `### ${KPI_DEFINITIONS['response-histogram'].label}`,
    mdText(KPI_DEFINITIONS['response-histogram'].definition),
    table(['Answered within', 'Mentions'], hist, [1]),
  ];
}

function retro(x: ReviewExport, at: (ms: number) => string, who: (id: string) => string): string[] {
  const r = x.retro;
  if (!r) return [`## ${HEADINGS.retro}`, '_No retrospective has been written for this window._'];
  const out = [
    `## ${HEADINGS.retro}`,
    `Status: **${r.status}** · opened by ${mdText(who(r.openedBy))} ${at(Date.parse(r.openedAt))} · last changed ${at(Date.parse(r.updatedAt))}`,
  ];
  for (const k of RETRO_SECTIONS) {
    const s = r.sections[k];
    out.push(`### ${SECTION_TITLES[k]}`);
    out.push(
      s && s.text.trim()
        ? `${para(s.text)}\n\n_${mdText(who(s.by))}, ${at(Date.parse(s.at))}_`
        : '_Not written._',
    );
  }
  out.push(`### ${HEADINGS.actions}`);
  out.push(
    r.actions.length === 0
      ? '_No action items._'
      : table(
          ['Done', 'Action', 'Owner', 'Due'],
          r.actions.map((a) => [a.done ? 'done' : 'open', a.text, a.owner ?? '—', a.due ?? '—']),
        ),
  );
  return out;
}

function timeline(
  x: ReviewExport,
  at: (ms: number) => string,
  who: (id: string) => string,
): string[] {
  const notes = x.retro?.annotations ?? [];
  const rows = timelineRows(x.report.timeline, notes, x.report.intervalMs).map((row) => {
    if (row.kind === 'folded') return [at(row.at), `(${foldedText(row.counts)})`, ''];
    const e = row.event;
    const what =
      (e.firstStatement ? `${FIRST_STATEMENT}: ` : '') +
      eventSentence(e, who) +
      row.notes.map((n) => ` — note by ${who(n.by)}: ${n.text}`).join('');
    return [at(e.at), what, e.kind];
  });
  const stray = strayAnnotations(x.report.timeline, notes);
  return [
    `## ${HEADINGS.timeline}`,
    rows.length === 0
      ? '_Nothing happened in this window._'
      : table(['When', 'What happened', 'Kind'], rows),
    ...(stray.length === 0
      ? []
      : [
          '### Notes on events outside this window',
          stray.map((n) => `- ${mdText(n.text)} — ${mdText(who(n.by))}`).join('\n'),
        ]),
  ];
}

function pins(x: ReviewExport, at: (ms: number) => string, who: (id: string) => string): string[] {
  const out = [`## ${HEADINGS.pins}`];
  if (x.pins.length === 0) out.push('_No mention is pinned._');
  for (const { pin, mention: m } of x.pins) {
    out.push(
      m
        ? `**${mdText(m.authorHandle)}** · ${mdText(m.channel)} · ${at(m.occurredAt)} · ${m.status}\n\n${quote(m.text)}`
        : `_Mention ${mdText(pin.mentionId)} is not held at this station._`,
    );
    if (pin.note) out.push(`Note by ${mdText(who(pin.by))}: ${para(pin.note)}`);
  }
  return out;
}

function said(x: ReviewExport, at: (ms: number) => string, who: (id: string) => string): string[] {
  const first = x.report.timeline.find((e) => e.firstStatement)?.opId;
  const out = [`## ${HEADINGS.said}`];
  if (x.sends.length === 0) out.push('_Nothing was sent in this window._');
  for (const s of x.sends) {
    const to =
      s.kind === 'statement'
        ? `statement to ${s.audience}`
        : `reply to ${s.recipient?.author ?? s.toHandle ?? s.mentionId ?? 'a mention'}`;
    const approvals = s.approvals.length
      ? ` · approved by ${s.approvals.map((a) => `${who(a.by)} (${a.area})`).join(', ')}`
      : '';
    const tag = s.opId === first ? `**${FIRST_STATEMENT}** · ` : '';
    out.push(
      `${tag}${at(s.at)} · ${mdText(`${to} · ${s.channel} · sent by ${who(s.by)}${approvals}`)}\n\n${quote(s.text)}`,
    );
  }
  return out;
}

/** The review as Markdown: the HTML report's content, with tables for the figures and charts. */
export function reviewMarkdown(x: ReviewExport): string {
  const at = timeWriter(x.timeZone);
  const nameOf = nameIn(x);
  const who = (id: string) => nameOf(id);
  const by = x.report.responseBy;
  const blocks = [
    `# ${mdText(x.title)}`,
    `Post-incident review · ${mdText(x.room)}  \n${x.retro ? `Status: **${x.retro.status}** · ` : ''}${mdText(scopeLine(x))}  \nGenerated ${at(x.generatedAt)} · first-response target ${duration(x.report.targetSeconds)}`,
    ...(x.redacted ? [`> **${mdText(REDACTED_NOTE)}**`] : []),
    `## ${HEADINGS.figures}`,
    table(
      ['Figure', 'Value', 'Definition'],
      keyFigures(x).map((f) => [f.label, f.value, f.definition]),
    ),
    `## ${HEADINGS.responseBy}`,
    responseBy('channel', by.channel),
    responseBy('department', by.department),
    responseBy('priority', by.priority),
    ...charts(x, at),
    ...retro(x, at, who),
    ...timeline(x, at, who),
    ...pins(x, at, who),
    ...said(x, at, who),
  ];
  return blocks.join('\n\n') + '\n';
}
