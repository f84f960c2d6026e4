import { useCallback, useEffect, useState } from 'react';
import type { ReviewDocument } from '../../../../shared/contract/reviews';
import { call, type AnswerOf, type DeskSocket } from '../../desk/client';

type DocCommand =
  | 'review.section'
  | 'review.action'
  | 'review.status'
  | 'review.annotate'
  | 'review.pin'
  | 'review.open';

/** One review's retrospective, kept current by `review.changed`; `act` sends a change. */
export function useReviewDoc(socket: DeskSocket, reviewId: string | null) {
  const [doc, setDoc] = useState<ReviewDocument | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!reviewId) return;
    let live = true;
    const load = () =>
      void call(socket, 'review.retro', { reviewId }).then((r) => {
        if (!live) return;
        if (r.ok) {
          setDoc({ retro: r.retro, pinned: r.pinned });
          setError(null);
        } else setError(r.message);
      });
    const onChanged = (c: { reviewId: string }) => {
      if (c.reviewId === reviewId) load();
    };
    load();
    socket.on('review.changed', onChanged);
    socket.on('connect', load);
    return () => {
      live = false;
      socket.off('review.changed', onChanged);
      socket.off('connect', load);
    };
  }, [socket, reviewId]);

  /** Sends one change; the answer is the document as it now stands (or the refusal's reason). */
  const act = useCallback(
    async <K extends DocCommand>(
      name: K,
      input: Parameters<typeof call<K>>[2],
    ): Promise<AnswerOf<K>> => {
      const r = await call(socket, name, input);
      if (r.ok) {
        const d = r as unknown as ReviewDocument;
        setDoc({ retro: d.retro, pinned: d.pinned });
        setError(null);
      } else setError(r.message);
      return r;
    },
    [socket],
  );
  return { doc: reviewId ? doc : null, error, act, setError };
}
