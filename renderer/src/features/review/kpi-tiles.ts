import type { ReviewReport } from '../../../../shared/analytics/review-report';
import type { KpiId } from '../../../../shared/analytics/kpi-definitions';
import { formatDuration, formatShare } from './review-format';

/** One KPI tile: its figure, a line under it, and a state when the figure is a warning. */
export type KpiTile = {
  id: KpiId;
  value: string;
  /** Facts that go with the figure (when, out of how many), already formatted; may be empty. */
  sub: { key: string; values: Record<string, string | number> }[];
  state: 'bad' | 'warn' | null;
};

/** The tiles of a report, in the order the workspace shows them. */
export function kpiTiles(r: ReviewReport, lang: string): KpiTile[] {
  const n = (x: number) => new Intl.NumberFormat(lang).format(x);
  const d = (s: number | null) => formatDuration(s, lang);
  const score = (x: number | null) =>
    x === null
      ? '—'
      : new Intl.NumberFormat(lang, { maximumFractionDigits: 2, signDisplay: 'exceptZero' }).format(
          x,
        );
  const at = (ms: number | null) => (ms === null ? [] : [{ key: 'at', values: { time: ms } }]);
  const tile = (
    id: KpiId,
    value: string,
    sub: KpiTile['sub'] = [],
    state: KpiTile['state'] = null,
  ): KpiTile => ({ id, value, sub, state });
  const o = r.outcomes;
  const sentiment = (id: KpiId, f: ReviewReport['sentiment']['before']) =>
    tile(id, score(f.meanScore), [
      { key: 'mentions', values: { count: f.mentions } },
      ...(f.negativeShare === null
        ? []
        : [{ key: 'negative', values: { share: formatShare(f.negativeShare, lang) } }]),
    ]);
  const within = r.response.withinTarget;
  return [
    tile('volume', n(r.volume.reduce((s, v) => s + v.count, 0))),
    tile('first-response-p50', d(r.response.p50Seconds), [
      { key: 'answeredOf', values: { answered: r.response.answered, count: r.response.mentions } },
    ]),
    tile('first-response-p90', d(r.response.p90Seconds)),
    tile(
      'within-target',
      formatShare(within, lang),
      [{ key: 'target', values: { target: d(r.targetSeconds) } }],
      within !== null && within < 0.8 ? 'warn' : null,
    ),
    tile('backlog-peak', n(r.backlog.peak), at(r.backlog.peakAt)),
    tile('oldest-waiting-peak', d(r.backlog.oldestSeconds), at(r.backlog.oldestAt)),
    tile('alert-to-statement', d(r.alertToStatementSeconds)),
    tile('approval-turnaround', d(r.approvals.p50Seconds), [
      { key: 'p90', values: { time: d(r.approvals.p90Seconds) } },
      { key: 'waiting', values: { count: r.approvals.waiting } },
    ]),
    tile('answered', n(o.answered)),
    tile('closed', n(o.closed)),
    tile('ignored', n(o.ignored)),
    tile('open-touched', n(o.openTouched), [], o.openTouched > 0 ? 'warn' : null),
    tile('never-touched', n(o.neverTouched), [], o.neverTouched > 0 ? 'bad' : null),
    tile('double-answers', n(o.doubleAnswers), [], o.doubleAnswers > 0 ? 'bad' : null),
    sentiment('sentiment-before', r.sentiment.before),
    sentiment('sentiment-during', r.sentiment.during),
    sentiment('sentiment-after', r.sentiment.after),
    tile('engagement', `${n(r.reach.retweets)} · ${n(r.reach.likes)}`, [
      { key: 'withFigures', values: { count: r.reach.withFigures } },
    ]),
    tile('potential-reach', n(r.reach.followers)),
  ];
}
