import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Facets, MentionQuery } from '../../../../shared/contract/mentions';
import { call, type DeskSocket } from '../../desk/client';
import { formatNumber } from '../../components/format';

type ListKey = 'statuses' | 'channels' | 'sentiments' | 'languages' | 'brands' | 'departments';
const GROUPS: {
  key: ListKey;
  facet: keyof Omit<Facets, 'total'>;
  label: (t: TFunction, v: string) => string;
}[] = [
  { key: 'statuses', facet: 'byStatus', label: (t, v) => t(`status.${v}`) },
  { key: 'channels', facet: 'byChannel', label: (t, v) => t(`channel.${v}`) },
  { key: 'sentiments', facet: 'bySentiment', label: (t, v) => t(`sentiment.${v}`) },
  {
    key: 'languages',
    facet: 'byLanguage',
    label: (t, v) => t(`language.${v}`, { defaultValue: v }),
  },
  { key: 'brands', facet: 'byBrand', label: (_t, v) => v },
  {
    key: 'departments',
    facet: 'byDepartment',
    label: (t, v) => t(`department.${v}`, { defaultValue: v }),
  },
];

/** Id of the search box (the / key focuses it). */
export const SEARCH_ID = 'queue-search';

/** The filter pane: search, sort, and chips with counts for every facet. */
export function Filters(props: {
  socket: DeskSocket;
  query: MentionQuery;
  onChange: (q: MentionQuery) => void;
  refreshKey: number;
}) {
  const { t, i18n } = useTranslation();
  const [facets, setFacets] = useState<Facets | null>(null);
  const [search, setSearch] = useState(props.query.search);
  const { socket, query, onChange } = props;

  useEffect(() => {
    let live = true;
    void call(socket, 'mention.facets', query).then((r) => live && r.ok && setFacets(r.facets));
    return () => {
      live = false;
    };
  }, [socket, query, props.refreshKey]);

  // Search as you type, a moment after the last key.
  useEffect(() => {
    if (search === query.search) return;
    const timer = setTimeout(() => onChange({ ...query, search }), 200);
    return () => clearTimeout(timer);
  }, [search, query, onChange]);

  const toggle = (key: ListKey, value: string) => {
    const list = query[key] as string[];
    onChange({
      ...query,
      [key]: list.includes(value) ? list.filter((v) => v !== value) : [...list, value],
    });
  };

  return (
    <aside className="filters" aria-label={t('filters.title')}>
      <input
        id={SEARCH_ID}
        type="search"
        className="search"
        placeholder={t('filters.search')}
        aria-label={t('filters.search')}
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      <label className="sort">
        {t('filters.sort')}
        <select
          value={query.sort}
          onChange={(e) => onChange({ ...query, sort: e.target.value as MentionQuery['sort'] })}
        >
          <option value="newest">{t('filters.newest')}</option>
          <option value="oldest">{t('filters.oldest')}</option>
          <option value="priority">{t('filters.priority')}</option>
          <option value="due">{t('routing.sortDue')}</option>
        </select>
      </label>
      {GROUPS.map((g) => {
        const counts = facets?.[g.facet] ?? {};
        const values = Object.keys(counts).sort((a, b) => (counts[b] ?? 0) - (counts[a] ?? 0));
        if (values.length === 0) return null;
        return (
          <fieldset key={g.key} className="facet">
            <legend>{t(`filters.${g.key}`)}</legend>
            {values.slice(0, 12).map((v) => {
              const on = (query[g.key] as string[]).includes(v);
              return (
                <button
                  key={v}
                  type="button"
                  className={`chip toggle${on ? ' on' : ''}`}
                  aria-pressed={on}
                  onClick={() => toggle(g.key, v)}
                >
                  {g.label(t, v)}{' '}
                  <span className="count">{formatNumber(counts[v] ?? 0, i18n.language)}</span>
                </button>
              );
            })}
          </fieldset>
        );
      })}
    </aside>
  );
}
