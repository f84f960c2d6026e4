import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  ImportProgress,
  ImportSummary,
  PresetInfo,
} from '../../../../shared/contract/imports';
import { Dialog } from '../../components/Dialog';
import { ErrorNote } from '../../components/Field';
import { formatNumber } from '../../components/format';
import { getPresets, uploadImport } from '../../desk/http';

/** Import a CSV or JSONL export: pick a file and a preset, watch the progress bar, read the row errors. */
export function ImportDialog(props: { token: string; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [presets, setPresets] = useState<PresetInfo[]>([]);
  const [preset, setPreset] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const n = (x: number) => formatNumber(x, i18n.language);

  useEffect(() => {
    void getPresets(props.token).then((r) => {
      if (r.ok) {
        setPresets(r.presets);
        setPreset((p) => p || (r.presets[0]?.name ?? ''));
      } else setError(r.message);
    });
  }, [props.token]);

  async function start() {
    if (!file) return;
    setError(null);
    setSummary(null);
    setProgress({
      phase: 'reading',
      bytesRead: 0,
      bytesTotal: file.size,
      rows: 0,
      imported: 0,
      duplicates: 0,
      errors: 0,
    });
    try {
      setSummary(await uploadImport(props.token, file, { preset }, setProgress));
    } catch (err) {
      setError((err as Error).message);
    }
  }

  const running = progress !== null && summary === null && error === null;
  const share = progress?.bytesTotal ? Math.min(1, progress.bytesRead / progress.bytesTotal) : 0;
  return (
    <Dialog title={t('import.title')} onClose={props.onClose} wide>
      <div
        className={`dropzone${dragging ? ' over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          const f = e.dataTransfer.files[0];
          if (f) setFile(f);
        }}
      >
        <label>
          {t('import.file')}
          <input
            type="file"
            accept=".csv,.jsonl,.ndjson,text/csv,application/x-ndjson"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            disabled={running}
          />
        </label>
        <p className="muted">
          {file ? `${file.name} · ${n(Math.round(file.size / 1024))} KB` : t('import.drop')}
        </p>
      </div>
      <label>
        {t('import.preset')}
        <select value={preset} onChange={(e) => setPreset(e.target.value)} disabled={running}>
          {presets.map((p) => (
            <option key={p.name} value={p.name}>
              {p.title} ({p.format})
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="primary"
        onClick={() => void start()}
        disabled={!file || running || !preset}
      >
        {t('import.start')}
      </button>
      {progress && (
        <div className="import-progress">
          <progress max={1} value={share} aria-label={t('import.progress')} />
          <p role="status" data-testid="import-status">
            {t('import.counts', {
              rows: n(progress.rows),
              imported: n(progress.imported),
              duplicates: n(progress.duplicates),
              errors: n(progress.errors),
            })}
            {progress.phase === 'indexing' && !summary && ` · ${t('import.indexing')}`}
            {summary && ` · ${t('import.done')}`}
          </p>
        </div>
      )}
      <ErrorNote error={error} />
      {summary && summary.rowErrors.length > 0 && (
        <details className="row-errors" open>
          <summary>{t('import.rowErrors', { count: summary.errors })}</summary>
          <ul>
            {summary.rowErrors.slice(0, 200).map((e) => (
              <li key={`${e.line}-${e.reason}`}>
                {t('import.line', { line: e.line })}: {e.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
    </Dialog>
  );
}
