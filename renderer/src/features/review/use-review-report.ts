import { useEffect, useState } from 'react';
import type { ReviewReport } from '../../../../shared/analytics/review-report';
import { call, type DeskSocket, type InputOf } from '../../desk/client';

/** What review.get is asked. */
export type ReviewRequest = InputOf<'review.get'>;

/** A report as loading, loaded or refused (with the station's reason). */
export type ReportState =
  | { kind: 'loading' }
  | { kind: 'ready'; report: ReviewReport }
  | { kind: 'error'; message: string };

/** The KPIs, charts and timeline of a request; asks again when the request or `refresh` change. */
export function useReviewReport(
  socket: DeskSocket,
  request: ReviewRequest | null,
  refresh = 0,
): ReportState {
  const [state, setState] = useState<ReportState>({ kind: 'loading' });
  const key = request ? JSON.stringify(request) : null;
  useEffect(() => {
    if (key === null) return;
    let live = true;
    // A new scope: say so at once rather than keep showing the last one's figures.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setState((s) => (s.kind === 'ready' ? s : { kind: 'loading' }));
    void call(socket, 'review.get', JSON.parse(key) as ReviewRequest).then((r) => {
      if (!live) return;
      setState(r.ok ? { kind: 'ready', report: r.review } : { kind: 'error', message: r.message });
    });
    return () => {
      live = false;
    };
  }, [socket, key, refresh]);
  return state;
}
