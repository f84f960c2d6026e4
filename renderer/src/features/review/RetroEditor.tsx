import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReviewDocument } from '../../../../shared/contract/reviews';
import {
  MAX_SECTION_CHARS,
  RETRO_MOVES,
  RETRO_SECTIONS,
  type Byline,
  type RetroSection,
  type RetroStatus,
} from '../../../../shared/review/retrospective';
import { formatTime } from '../../components/format';
import { ActionItems, type SaveAction } from './ActionItems';

/**
 * The retrospective: status and its moves (leads and admins), the sections, the action items and
 * who changed what when. Read-only once closed.
 */
export function RetroEditor(props: {
  doc: ReviewDocument | null;
  names: (id: string) => string;
  canWrite: boolean;
  canManage: boolean;
  onStart: (() => void) | null;
  onSection: (section: RetroSection, text: string) => Promise<boolean>;
  onAction: SaveAction;
  onStatus: (status: RetroStatus) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const retro = props.doc?.retro;
  const by = (b: Byline) =>
    t('review.byline', { name: props.names(b.by), time: formatTime(b.at, lang) });
  if (!retro)
    return (
      <section className="review-retro" id="review-retro" aria-labelledby="review-retro-h">
        <h3 id="review-retro-h">{t('review.retro.title')}</h3>
        <p className="muted">{t('review.retro.notStarted')}</p>
        {props.onStart && (
          <button type="button" className="primary" onClick={props.onStart}>
            {t('review.retro.start')}
          </button>
        )}
      </section>
    );
  const writable = props.canWrite && retro.status !== 'closed';
  return (
    <section
      className="review-retro"
      id="review-retro"
      aria-labelledby="review-retro-h"
      data-testid="retro"
    >
      <h3 id="review-retro-h">{t('review.retro.title')}</h3>
      <div className="retro-status">
        <span className={`chip retro-${retro.status}`} data-testid="retro-status">
          {t(`review.status.${retro.status}`)}
        </span>
        {props.canManage &&
          RETRO_MOVES[retro.status].map((s) => (
            <button key={s} type="button" onClick={() => props.onStatus(s)}>
              {t(`review.move.${s}`)}
            </button>
          ))}
        {retro.status === 'closed' && <span className="muted">{t('review.retro.closedNote')}</span>}
      </div>
      {RETRO_SECTIONS.map((s) => (
        <SectionEditor
          key={s}
          section={s}
          saved={retro.sections[s] ?? null}
          byline={retro.sections[s] ? by(retro.sections[s]) : null}
          writable={writable}
          onSave={(text) => props.onSection(s, text)}
        />
      ))}
      <ActionItems
        actions={retro.actions}
        names={props.names}
        writable={writable}
        onSave={props.onAction}
      />
      <details className="retro-history">
        <summary>{t('review.retro.history')}</summary>
        <ol>
          {retro.history.map((h, i) => (
            <li key={i}>
              {t(`review.status.${h.status}`)} · {by(h)}
            </li>
          ))}
        </ol>
      </details>
    </section>
  );
}

/**
 * One section: its text, who last changed it. A draft being typed is kept when someone else
 * saves meanwhile (the newer text is named, not lost either way).
 */
function SectionEditor(props: {
  section: RetroSection;
  saved: { text: string } | null;
  byline: string | null;
  writable: boolean;
  onSave: (text: string) => Promise<boolean>;
}) {
  const { t } = useTranslation();
  const saved = props.saved?.text ?? '';
  const [draft, setDraft] = useState<{ text: string; base: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const id = `retro-${props.section}`;
  const save = async () => {
    if (!draft) return;
    setBusy(true);
    if (await props.onSave(draft.text)) setDraft(null);
    setBusy(false);
  };
  const keys = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void save();
    } else if (e.key === 'Escape') e.preventDefault();
  };
  return (
    <div className="retro-section" data-testid={id}>
      <label htmlFor={id}>{t(`review.section.${props.section}`)}</label>
      {props.writable ? (
        <>
          <textarea
            id={id}
            rows={3}
            maxLength={MAX_SECTION_CHARS}
            value={draft?.text ?? saved}
            onChange={(e) => setDraft({ text: e.target.value, base: draft?.base ?? saved })}
            onKeyDown={keys}
          />
          {draft && draft.base !== saved && (
            <p className="warn" role="status">
              {t('review.retro.changedMeanwhile', { byline: props.byline ?? '' })}
            </p>
          )}
          <div className="row-actions">
            <button
              type="button"
              disabled={!draft || draft.text === saved || busy}
              onClick={() => void save()}
            >
              {t('review.save')}
            </button>
            {draft && (
              <button type="button" onClick={() => setDraft(null)}>
                {t('review.cancel')}
              </button>
            )}
            {props.byline && <span className="muted">{props.byline}</span>}
          </div>
        </>
      ) : (
        <>
          <div id={id} className="retro-text">
            {saved || <span className="muted">{t('review.retro.empty')}</span>}
          </div>
          {props.byline && <p className="muted">{props.byline}</p>}
        </>
      )}
    </div>
  );
}
