import { useTranslation } from 'react-i18next';
import { wordDiff } from './word-diff';

/** The words added to and removed from a text since an earlier one, inline. */
export function WordDiffView(props: { before: string; after: string; label: string }) {
  const { t } = useTranslation();
  const parts = wordDiff(props.before, props.after);
  return (
    <figure className="diff" data-testid="message-diff">
      <figcaption className="muted">{props.label}</figcaption>
      {parts === null ? (
        <p className="muted">{t('approvals.diffTooLong')}</p>
      ) : (
        <p className="message-text">
          {parts.map((p, i) =>
            p.op === 'same' ? (
              <span key={i}>{p.text}</span>
            ) : p.op === 'add' ? (
              <ins key={i}>{p.text}</ins>
            ) : (
              <del key={i}>{p.text}</del>
            ),
          )}
        </p>
      )}
    </figure>
  );
}
