import { englishDuration } from '../../../../shared/review/charts/chart-labels';
import { KPI_DEFINITIONS, type KpiId } from '../../../../shared/analytics/kpi-definitions';
import type { ReviewExport } from './export-model';

/** Writes times of one report: "2015-02-22 10:05" in the report's zone. */
export function timeWriter(timeZone: string): (ms: number | null) => string {
  const f = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return (ms) => {
    if (ms === null || !Number.isFinite(ms)) return '—';
    const p = Object.fromEntries(f.formatToParts(ms).map((x) => [x.type, x.value]));
    return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
  };
}

/** A duration in seconds, short ("12 min"), or a dash when there is none. */
export const duration = (s: number | null): string => (s === null ? '—' : englishDuration(s));

/** A share as a percentage ("87 %"), or a dash. */
export const percent = (x: number | null): string =>
  x === null ? '—' : `${Math.round(x * 1000) / 10} %`;

/** A count with thousands separated ("14,640"). */
export const count = (n: number): string => n.toLocaleString('en-US');

/** A mean sentiment score to two places, or a dash. */
export const score = (x: number | null): string => (x === null ? '—' : x.toFixed(2));

/** One key figure: its tile label, value, what it is measured from and its definition. */
export type KeyFigure = { id: KpiId; label: string; value: string; definition: string };

const figure = (id: KpiId, value: string): KeyFigure => ({
  id,
  value,
  label: KPI_DEFINITIONS[id].label,
  definition: KPI_DEFINITIONS[id].definition,
});

/** The figures the report's tiles show, in order, each with its definition. */
export function keyFigures(x: ReviewExport): KeyFigure[] {
  const r = x.report;
  const total = r.volume.reduce((n, v) => n + v.count, 0);
  const s = r.sentiment;
  const phase = (p: typeof s.before) =>
    p.mentions === 0
      ? 'no mentions'
      : `${score(p.meanScore)} mean, ${percent(p.negativeShare)} negative (${count(p.mentions)})`;
  return [
    figure('volume', `${count(total)} mentions`),
    figure('first-response-p50', duration(r.response.p50Seconds)),
    figure('first-response-p90', duration(r.response.p90Seconds)),
    figure(
      'within-target',
      `${percent(r.response.withinTarget)} within ${duration(r.targetSeconds)}`,
    ),
    figure('backlog-peak', `${count(r.backlog.peak)} waiting`),
    figure(
      'oldest-waiting-peak',
      duration(r.backlog.oldestAt === null ? null : r.backlog.oldestSeconds),
    ),
    figure('alert-to-statement', duration(r.alertToStatementSeconds)),
    figure(
      'approval-turnaround',
      r.approvals.approved === 0
        ? `none approved (${count(r.approvals.waiting)} waiting)`
        : `${duration(r.approvals.p50Seconds)} median, ${duration(r.approvals.p90Seconds)} p90`,
    ),
    figure('answered', count(r.outcomes.answered)),
    figure('closed', count(r.outcomes.closed)),
    figure('ignored', count(r.outcomes.ignored)),
    figure('open-touched', count(r.outcomes.openTouched)),
    figure('never-touched', count(r.outcomes.neverTouched)),
    figure('double-answers', count(r.outcomes.doubleAnswers)),
    figure('sentiment-before', phase(s.before)),
    figure('sentiment-during', phase(s.during)),
    figure('sentiment-after', phase(s.after)),
    figure(
      'engagement',
      `${count(r.reach.retweets)} shares, ${count(r.reach.likes)} likes (${count(r.reach.withFigures)} mentions)`,
    ),
    figure('potential-reach', `${count(r.reach.followers)} followers`),
  ];
}

/** The report's charts in order, with their KPI definitions. */
export const CHARTS = [
  { id: 'volume', kpi: 'volume' },
  { id: 'sentiment', kpi: 'sentiment-series' },
  { id: 'response', kpi: 'response-histogram' },
  { id: 'backlog', kpi: 'backlog-series' },
  { id: 'staffing', kpi: 'staffing' },
] as const;

/** The scope as one line: the window, the incident, the filters. */
export function scopeLine(x: ReviewExport): string {
  const at = timeWriter(x.timeZone);
  const s = x.report.scope;
  const parts = [`${at(s.from)} to ${at(s.to)} (${x.timeZone})`];
  if (s.incident) parts.push(`incident ${at(s.incident.from)} to ${at(s.incident.to)}`);
  for (const [name, list] of [
    ['brands', s.brands],
    ['topics', s.topics],
    ['channels', s.channels],
    ['departments', s.departments],
  ] as const)
    if (list && list.length > 0) parts.push(`${name}: ${list.join(', ')}`);
  return parts.join('; ');
}

/** A person's (or station's) display name, by id. */
export const nameIn =
  (x: ReviewExport) =>
  (id: string | null): string =>
    id === null ? '—' : (x.names[id] ?? id);
