import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoomInfo } from '../../../../shared/contract/room';
import type { Mention } from '../../../../shared/domain/mention';
import type { DeskSocket } from '../../desk/client';
import { ReviewHistory } from './ReviewHistory';
import { ReviewWorkspace, type ReviewTarget } from './ReviewWorkspace';
import { useOperatorNames } from './use-operator-names';
import { useReviewList } from './use-review-list';
import './review.css';

/**
 * The review screen, over the whole window: the history of past incidents (retrospectives,
 * closed runs, any time window), then one review's workspace. The queue stays as it was beneath.
 */
export function ReviewScreen(props: {
  socket: DeskSocket;
  room: RoomInfo;
  token: string;
  /** Open straight on a closed run's review (from the run board). */
  runId: string | null;
  onClose: () => void;
  /** Shows a mention in the queue's detail pane (and leaves the review). */
  onOpenMention: (m: Mention) => void;
  /** Opens the run board on a run (over the review). */
  onOpenRun: (runId: string | null) => void;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const list = useReviewList(props.socket);
  const names = useOperatorNames(props.socket);
  const [target, setTarget] = useState<ReviewTarget | null>(() =>
    props.runId ? { runId: props.runId } : null,
  );
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  // A run's review opens its retrospective when one was started for it.
  const existing =
    target && !target.reviewId && target.runId
      ? list.reviews.find((r) => r.scope.runId === target.runId)
      : undefined;
  const shown = existing ? { reviewId: existing.id } : target;

  return (
    <dialog
      ref={ref}
      className="review-screen"
      aria-label={t('review.title')}
      data-testid="review-screen"
      onCancel={(e) => {
        e.preventDefault();
        props.onClose();
      }}
      // The queue's single-key shortcuts must not act on the hidden queue while reviewing.
      onKeyDown={(e) => e.stopPropagation()}
    >
      <header className="review-bar">
        <h2>{t('review.title')}</h2>
        {shown && (
          <button type="button" onClick={() => setTarget(null)}>
            {t('review.backToHistory')}
          </button>
        )}
        <span className="spacer" />
        <button type="button" onClick={props.onClose}>
          {t('review.backToQueue')}
        </button>
      </header>
      {shown ? (
        <ReviewWorkspace
          key={shown.reviewId ?? shown.runId ?? `${shown.from}-${shown.to}`}
          socket={props.socket}
          room={props.room}
          token={props.token}
          target={shown}
          names={names}
          reviews={list.reviews}
          closedRuns={list.closedRuns ?? []}
          onTarget={setTarget}
          onOpenMention={props.onOpenMention}
          onOpenRun={props.onOpenRun}
        />
      ) : (
        <ReviewHistory
          reviews={list.reviews}
          closedRuns={list.closedRuns}
          error={list.error}
          names={names}
          onOpen={setTarget}
        />
      )}
    </dialog>
  );
}
