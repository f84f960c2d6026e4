import { useCallback, useEffect, useRef, useState } from 'react';
import type { MentionQuery } from '../../../../shared/contract/mentions';
import type { Mention } from '../../../../shared/domain/mention';
import { call, type DeskSocket } from '../../desk/client';
import { PAGE_SIZE, PageCache } from './page-cache';

/** The live queue for a query: a page cache fed by windows and kept current by deltas. */
export function useQueue(socket: DeskSocket, query: MentionQuery) {
  const [cache] = useState(() => new PageCache());
  const [version, setVersion] = useState(0);
  const [added, setAdded] = useState(0);
  const queryKey = JSON.stringify(query);
  const generation = useRef(0);
  const bump = useCallback(() => setVersion((v) => v + 1), []);

  const fetchPage = useCallback(
    async (page: number) => {
      const gen = generation.current;
      cache.markLoading(page);
      const r = await call(socket, 'mention.window', {
        query,
        offset: page * PAGE_SIZE,
        limit: PAGE_SIZE,
      });
      if (gen !== generation.current) return; // the query changed meanwhile
      if (r.ok) {
        cache.put(page, r.rows, r.total, r.capped);
        bump();
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [socket, queryKey, cache, bump],
  );

  useEffect(() => {
    generation.current += 1;
    cache.clear(); // the list re-renders when the first page of the new query lands
    // fetchPage sets state only after the station answers, never synchronously.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void fetchPage(0);
  }, [fetchPage, cache]);

  useEffect(() => {
    const onChanged = (batch: { id: string; mention: Mention }[]) => {
      if (cache.update(batch.map((d) => d.mention))) bump();
    };
    const onAdded = (info: { count: number }) => {
      setAdded((n) => n + info.count);
      for (const p of cache.heldPages()) void fetchPage(p);
      if (cache.heldPages().length === 0) void fetchPage(0);
    };
    socket.on('mention.changed', onChanged);
    socket.on('mention.added', onAdded);
    socket.on('connect', onAdded.bind(null, { count: 0 })); // back after a drop: refresh what we show
    return () => {
      socket.off('mention.changed', onChanged);
      socket.off('mention.added', onAdded);
      socket.off('connect');
    };
  }, [socket, cache, fetchPage, bump]);

  const ensure = useCallback(
    (first: number, last: number) => {
      for (const p of cache.missing(first, last)) void fetchPage(p);
    },
    [cache, fetchPage],
  );

  return {
    cache,
    version,
    ensure,
    added,
    refresh: () => cache.heldPages().forEach((p) => void fetchPage(p)),
  };
}
