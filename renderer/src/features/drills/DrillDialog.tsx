import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DrillStatus } from '../../../../shared/contract/drills';
import type { PresetInfo } from '../../../../shared/contract/imports';
import { Dialog } from '../../components/Dialog';
import { ErrorNote } from '../../components/Field';
import { call, type DeskSocket } from '../../desk/client';
import { getPresets, startDrillUpload } from '../../desk/http';

// Speeds people pick: real time, a busy hour in six minutes, an hour a minute, a day in 2.4 minutes.
const SPEEDS = [1, 10, 60, 600];

/** Start a drill from a past event's file, and pause, resume, speed up or stop it. */
export function DrillDialog(props: {
  socket: DeskSocket;
  token: string;
  drill: DrillStatus | null;
  onDrill: (d: DrillStatus) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [presets, setPresets] = useState<PresetInfo[]>([]);
  const [preset, setPreset] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [speed, setSpeed] = useState(60);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const drill = props.drill;
  const active = drill?.state === 'running' || drill?.state === 'paused';

  useEffect(() => {
    void getPresets(props.token).then((r) => {
      if (!r.ok) return setError(r.message);
      setPresets(r.presets);
      setPreset((p) => p || (r.presets[0]?.name ?? ''));
    });
  }, [props.token]);

  async function start() {
    if (!file) return;
    setBusy(true);
    const r = await startDrillUpload(props.token, file, { preset, speed });
    setBusy(false);
    if (!r.ok) return setError(r.message);
    setError(null);
    props.onDrill(r.drill);
  }

  async function control(action: 'pause' | 'resume' | 'stop' | 'speed', to?: number) {
    const r = await call(props.socket, 'drill.control', {
      action,
      ...(to !== undefined && { speed: to }),
    });
    if (!r.ok) return setError(r.message);
    setError(null);
    props.onDrill(r.drill);
  }

  const speedPicker = (value: number, onPick: (s: number) => void) => (
    <label>
      {t('drill.speed')}
      <select value={value} onChange={(e) => onPick(Number(e.target.value))}>
        {[...new Set([...SPEEDS, value])]
          .sort((a, b) => a - b)
          .map((s) => (
            <option key={s} value={s}>
              {t('drill.speedTimes', { speed: s })}
            </option>
          ))}
      </select>
    </label>
  );

  return (
    <Dialog title={t('drill.title')} onClose={props.onClose} wide>
      <p className="muted">{t('drill.intro')}</p>
      {active && drill ? (
        <div className="drill-running" data-testid="drill-running">
          <progress max={drill.total} value={drill.replayed} aria-label={t('drill.progress')} />
          <p role="status">
            {t(`drill.state.${drill.state}`)} · {drill.file} ·{' '}
            {t('drill.counts', { replayed: drill.replayed, total: drill.total })}
          </p>
          <div className="actions">
            {drill.state === 'running' ? (
              <button type="button" onClick={() => void control('pause')}>
                {t('drill.pause')}
              </button>
            ) : (
              <button type="button" onClick={() => void control('resume')}>
                {t('drill.resume')}
              </button>
            )}
            {speedPicker(drill.speed, (s) => void control('speed', s))}
            <button type="button" className="danger" onClick={() => void control('stop')}>
              {t('drill.stop')}
            </button>
          </div>
        </div>
      ) : (
        <>
          {drill && (
            <p role="status" data-testid="drill-last">
              {t(`drill.state.${drill.state}`)} · {drill.file} ·{' '}
              {t('drill.counts', { replayed: drill.replayed, total: drill.total })}
            </p>
          )}
          <label>
            {t('drill.file')}
            <input
              type="file"
              accept=".csv,.jsonl,.ndjson,text/csv,application/x-ndjson"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
          </label>
          <label>
            {t('import.preset')}
            <select value={preset} onChange={(e) => setPreset(e.target.value)}>
              {presets.map((p) => (
                <option key={p.name} value={p.name}>
                  {p.title} ({p.format})
                </option>
              ))}
            </select>
          </label>
          {speedPicker(speed, setSpeed)}
          <button
            type="button"
            className="primary"
            disabled={!file || !preset || busy}
            onClick={() => void start()}
          >
            {t('drill.start')}
          </button>
        </>
      )}
      <ErrorNote error={error} />
    </Dialog>
  );
}
