import { useEffect, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import type { Mention } from '../../../../shared/domain/mention';
import { formatTime } from '../../components/format';
import type { PageCache } from './page-cache';
import { SlaCountdown } from '../routing/SlaCountdown';

/** Fixed row height: fixed rows keep a 100,000-row list smooth. */
export const ROW_HEIGHT = 56;

function Row({
  m,
  selected,
  onSelect,
  lang,
}: {
  m: Mention;
  selected: boolean;
  onSelect: () => void;
  lang: string;
}) {
  const { t } = useTranslation();
  return (
    <div
      role="option"
      aria-selected={selected}
      data-testid="mention-row"
      data-mention-id={m.id}
      className={`row${selected ? ' selected' : ''} status-${m.status} sentiment-${m.sentimentLabel}${m.claim ? ' claimed' : ''}`}
      onClick={onSelect}
    >
      <div className="row-top">
        <span className={`chip channel channel-${m.channel}`}>{t(`channel.${m.channel}`)}</span>
        <span className="author">{m.author.handle}</span>
        {m.brand && <span className="brand">{m.brand}</span>}
        <span className="spacer" />
        {m.claim && <span className="chip claim">{m.claim.operatorName}</span>}
        <SlaCountdown m={m} />
        <span className={`chip status status-${m.status}`}>{t(`status.${m.status}`)}</span>
        {m.answers > 1 && (
          <span className="chip offline" data-testid="answered-twice">
            {t('queue.answeredTimes', { count: m.answers })}
          </span>
        )}
        <time dateTime={m.occurredAt}>{formatTime(m.occurredAt, lang)}</time>
      </div>
      {/* Untrusted text: rendered as a text node, never as markup. */}
      <div className="row-text">{m.text}</div>
    </div>
  );
}

/** The virtualised queue: only visible rows exist in the DOM; pages load as you scroll. */
export function MentionList(props: {
  cache: PageCache;
  version: number;
  selectedIndex: number;
  selectedId: string | null;
  onSelect: (index: number) => void;
  ensure: (first: number, last: number) => void;
}) {
  const { t, i18n } = useTranslation();
  const parent = useRef<HTMLDivElement>(null);
  const total = props.cache.total;
  const v = useVirtualizer({
    count: total,
    getScrollElement: () => parent.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
  });
  const items = v.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;
  const { ensure } = props;

  useEffect(() => ensure(first, last), [ensure, first, last, total, props.version]);
  // Live without jumping: when new mentions land above the row you are on, the list scrolls by
  // exactly as many rows, so that row stays where it was on screen. Moving with j/k (a new id)
  // only scrolls as far as needed to keep the selection visible.
  const seen = useRef<{ id: string | null; index: number }>({ id: null, index: -1 });
  useEffect(() => {
    const before = seen.current;
    seen.current = { id: props.selectedId, index: props.selectedIndex };
    const el = parent.current;
    if (props.selectedIndex < 0) return;
    if (
      el &&
      before.id === props.selectedId &&
      before.index >= 0 &&
      before.index !== props.selectedIndex
    ) {
      el.scrollTop += (props.selectedIndex - before.index) * ROW_HEIGHT;
      return;
    }
    v.scrollToIndex(props.selectedIndex, { align: 'auto' });
  }, [props.selectedId, props.selectedIndex, v]);

  if (total === 0) return <div className="empty muted">{t('queue.empty')}</div>;
  return (
    <div ref={parent} className="list" role="listbox" aria-label={t('queue.title')} tabIndex={-1}>
      <div style={{ height: v.getTotalSize(), position: 'relative' }}>
        {items.map((item) => {
          const m = props.cache.rowAt(item.index);
          return (
            <div
              key={item.key}
              style={{
                position: 'absolute',
                top: 0,
                left: 0,
                right: 0,
                height: ROW_HEIGHT,
                transform: `translateY(${item.start}px)`,
              }}
            >
              {m ? (
                <Row
                  m={m}
                  selected={item.index === props.selectedIndex}
                  onSelect={() => props.onSelect(item.index)}
                  lang={i18n.language}
                />
              ) : (
                <div className="row loading" aria-hidden="true" />
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
