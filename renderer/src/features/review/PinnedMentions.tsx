import { useTranslation } from 'react-i18next';
import type { ReviewDocument } from '../../../../shared/contract/reviews';
import { formatTime } from '../../components/format';
import type { EvidenceRef } from './EvidenceDialog';

/** The key mentions pinned to the review, each with its text as it is now. */
export function PinnedMentions(props: {
  doc: ReviewDocument | null;
  names: (id: string) => string;
  canWrite: boolean;
  onPin: (mentionId: string, pinned: boolean) => void;
  onEvidence: (e: EvidenceRef) => void;
}) {
  const { t, i18n } = useTranslation();
  const pins = props.doc?.retro.pins ?? [];
  const mentionOf = new Map(props.doc?.pinned.map((p) => [p.mentionId, p.mention]) ?? []);
  return (
    <section className="review-pins" aria-labelledby="review-pins-h" data-testid="review-pins">
      <h3 id="review-pins-h">{t('review.pins.title')}</h3>
      {pins.length === 0 ? (
        <p className="muted">{t('review.pins.none')}</p>
      ) : (
        <ul>
          {pins.map((p) => {
            const m = mentionOf.get(p.mentionId) ?? null;
            return (
              <li key={p.mentionId} data-testid="pinned-mention">
                {m ? (
                  <>
                    <div>
                      <span className="chip">
                        {t(`channel.${m.channel}`, { defaultValue: m.channel })}
                      </span>{' '}
                      <strong>{m.author.name ?? m.author.handle}</strong>{' '}
                      <time className="muted" dateTime={m.occurredAt}>
                        {formatTime(m.occurredAt, i18n.language)}
                      </time>
                    </div>
                    <blockquote className="evidence-text">{m.text}</blockquote>
                  </>
                ) : (
                  <p className="muted">{t('review.pins.notHeld')}</p>
                )}
                {p.note && <p>{p.note}</p>}
                <p className="muted">
                  {t('review.pins.by', {
                    name: props.names(p.by),
                    time: formatTime(p.at, i18n.language),
                  })}
                </p>
                <div className="row-actions">
                  <button
                    type="button"
                    onClick={() => props.onEvidence({ kind: 'mention', id: p.mentionId })}
                  >
                    {t('review.evidence.mention')}
                  </button>
                  {props.canWrite && (
                    <button type="button" onClick={() => props.onPin(p.mentionId, false)}>
                      {t('review.pins.unpin')}
                    </button>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
