import { useEffect, useState } from 'react';
import type { ReviewSummary } from '../../../../shared/contract/reviews';
import type { RunSummary } from '../../../../shared/contract/runs';
import { call, type DeskSocket } from '../../desk/client';

/** Past incidents: the room's reviews (newest first) and its closed runs; reloads on changes. */
export function useReviewList(socket: DeskSocket) {
  const [reviews, setReviews] = useState<ReviewSummary[]>([]);
  const [closedRuns, setClosedRuns] = useState<RunSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const load = () =>
      void call(socket, 'review.list', {}).then((r) => {
        if (!live) return;
        if (r.ok) {
          setReviews(r.reviews);
          setClosedRuns(r.closedRuns);
          setError(null);
        } else {
          setError(r.message);
          // Closed runs are past incidents even where retrospectives cannot be listed.
          void call(socket, 'run.list', {}).then(
            (runs) =>
              live && runs.ok && setClosedRuns(runs.runs.filter((x) => x.closedAt !== null)),
          );
        }
      });
    load();
    socket.on('review.changed', load);
    socket.on('run.changed', load);
    socket.on('connect', load);
    return () => {
      live = false;
      socket.off('review.changed', load);
      socket.off('run.changed', load);
      socket.off('connect', load);
    };
  }, [socket]);
  return { reviews, closedRuns, error };
}
