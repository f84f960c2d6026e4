import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDuration, fromLocalInput, toLocalInput } from './review-format';
import { INTERVALS, wordsOf, type WorkScope } from './review-scope';

const FILTERS = ['brands', 'topics', 'channels', 'departments'] as const;

/** What the review covers: the run or the window, the filters, the chart interval, the target. */
export function ScopeBar(props: {
  scope: WorkScope;
  /** The run's name, when the review is a run's. */
  runName: string | null;
  /** The window the report covers (ms), shown when the run sets it. */
  window: { from: number; to: number } | null;
  onScope: (s: WorkScope) => void;
  /** Saves this scope to the retrospective (writers of an open one). */
  onSave?: () => void;
}) {
  const { t, i18n } = useTranslation();
  const s = props.scope;
  // A run's own span is shown as the window it gives until someone narrows it.
  const [from, setFrom] = useState(() =>
    s.from ? toLocalInput(Date.parse(s.from)) : props.window ? toLocalInput(props.window.from) : '',
  );
  const [to, setTo] = useState(() =>
    s.to ? toLocalInput(Date.parse(s.to)) : props.window ? toLocalInput(props.window.to) : '',
  );
  const untouched = (value: string, ms: number | undefined) =>
    ms !== undefined && value === toLocalInput(ms);
  const [words, setWords] = useState(() =>
    Object.fromEntries(FILTERS.map((k) => [k, s[k].join(', ')])),
  );
  const [target, setTarget] = useState(String(s.targetMinutes));
  const isoOf = (v: string) => {
    const ms = fromLocalInput(v);
    return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
  };
  function apply(e: FormEvent) {
    e.preventDefault();
    const minutes = Math.round(Number(target));
    props.onScope({
      ...s,
      // Left as the run gave them, the run keeps its own span (and its margins as it closes).
      from: s.runId && untouched(from, props.window?.from) ? s.from : isoOf(from),
      to: s.runId && untouched(to, props.window?.to) ? s.to : isoOf(to),
      brands: wordsOf(words.brands ?? ''),
      topics: wordsOf(words.topics ?? ''),
      channels: wordsOf(words.channels ?? ''),
      departments: wordsOf(words.departments ?? ''),
      targetMinutes: Number.isFinite(minutes) && minutes >= 1 ? minutes : s.targetMinutes,
    });
  }
  return (
    <form className="scope-bar" onSubmit={apply} aria-label={t('review.scope.title')}>
      {props.runName && (
        <p className="scope-run">{t('review.scope.run', { name: props.runName })}</p>
      )}
      <label>
        {t('review.scope.from')}
        <input
          type="datetime-local"
          value={from}
          onChange={(e) => setFrom(e.target.value)}
          required={!s.runId}
        />
      </label>
      <label>
        {t('review.scope.to')}
        <input
          type="datetime-local"
          value={to}
          onChange={(e) => setTo(e.target.value)}
          required={!s.runId}
        />
      </label>
      {FILTERS.map((k) => (
        <label key={k}>
          {t(`review.scope.${k}`)}
          <input
            value={words[k] ?? ''}
            placeholder={t('review.scope.any')}
            onChange={(e) => setWords({ ...words, [k]: e.target.value })}
          />
        </label>
      ))}
      <label>
        {t('review.scope.interval')}
        <select
          value={s.intervalMinutes}
          onChange={(e) => props.onScope({ ...s, intervalMinutes: Number(e.target.value) })}
        >
          {INTERVALS.map((m) => (
            <option key={m} value={m}>
              {formatDuration(m * 60, i18n.language)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('review.scope.target')}
        <input
          type="number"
          min={1}
          max={10_080}
          value={target}
          onChange={(e) => setTarget(e.target.value)}
        />
      </label>
      <button type="submit" className="primary">
        {t('review.scope.apply')}
      </button>
      {props.onSave && (
        <button type="button" onClick={props.onSave}>
          {t('review.scope.save')}
        </button>
      )}
    </form>
  );
}
