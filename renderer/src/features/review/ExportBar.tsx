import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNote } from '../../components/Field';
import {
  EXPORT_FORMATS,
  fetchExport,
  type ExportFormat,
  type ExportSubject,
} from './review-export';

/** Export buttons (report, tables, action items, PDF, signed ledger), redacted if asked, and print. */
export function ExportBar(props: {
  token: string;
  subject: ExportSubject | null;
  targetMinutes: number;
}) {
  const { t } = useTranslation();
  const [redact, setRedact] = useState(true);
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The link lives inside the review's dialog: the page behind a modal dialog is inert.
  const link = useRef<HTMLAnchorElement>(null);
  const subject = props.subject;
  async function download(format: ExportFormat) {
    if (!subject) return;
    setBusy(format);
    setError(null);
    const r = await fetchExport(props.token, subject, format, redact, props.targetMinutes);
    setBusy(null);
    if (!r.ok) return setError(r.message);
    const a = link.current;
    if (!a) return;
    const url = URL.createObjectURL(r.blob);
    a.href = url;
    a.download = r.name;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
  return (
    <div className="export-bar" role="group" aria-label={t('review.export.title')}>
      <span className="muted">{t('review.export.title')}</span>
      {EXPORT_FORMATS.map((f) => (
        <button
          key={f}
          type="button"
          disabled={
            !subject ||
            busy !== null ||
            (f === 'actions-csv' && !(subject && 'reviewId' in subject))
          }
          onClick={() => void download(f)}
          data-testid={`export-${f}`}
        >
          {t(`review.export.${f}`)}
        </button>
      ))}
      <label className="check">
        <input type="checkbox" checked={redact} onChange={(e) => setRedact(e.target.checked)} />
        {t('review.export.redact')}
      </label>
      <button type="button" onClick={() => window.print()}>
        {t('review.print')}
      </button>
      {busy && <span role="status">{t('review.export.busy')}</span>}
      <a ref={link} hidden aria-hidden="true" tabIndex={-1} />
      <ErrorNote error={error} />
    </div>
  );
}
