import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoomInfo } from '../../../../shared/contract/room';
import type { PlaybookEntry, RunDetail, RunSummary } from '../../../../shared/contract/runs';
import { SEVERITIES, type Severity } from '../../../../shared/playbooks/severity';
import { Dialog } from '../../components/Dialog';
import { ErrorNote } from '../../components/Field';
import { call, type DeskSocket } from '../../desk/client';
import { AlertInbox } from './AlertInbox';
import { PlaybookLibrary } from './PlaybookLibrary';
import { RunBoard } from './RunBoard';

/** Playbooks and their runs: the library (with validation results), the runs, one run's board. */
export function RunsDialog(props: {
  socket: DeskSocket;
  room: RoomInfo;
  runs: RunSummary[];
  runId: string | null;
  /** The mention open in the queue, which a run started here can be linked to. */
  selectedMention: { id: string; text: string } | null;
  onClose: () => void;
  /** Opens a closed run's review. */
  onReview?: (runId: string) => void;
}) {
  const { t } = useTranslation();
  const { socket, room } = props;
  const [runId, setRunId] = useState<string | null>(props.runId ?? props.runs[0]?.id ?? null);
  const [run, setRun] = useState<RunDetail | null>(null);
  const [library, setLibrary] = useState<PlaybookEntry[]>([]);
  const [severity, setSeverity] = useState<Severity | ''>('');
  const [topics, setTopics] = useState('');
  const [linkSelected, setLinkSelected] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const isLead = room.me.role === 'admin' || room.me.role === 'lead';
  // The board reloads whenever its run changes, here or at another desk.
  const version = props.runs.find((r) => r.id === runId);

  const loadLibrary = useCallback(
    () => void call(socket, 'playbook.list', {}).then((r) => r.ok && setLibrary(r.playbooks)),
    [socket],
  );
  useEffect(loadLibrary, [loadLibrary]);
  useEffect(() => {
    if (!runId) return;
    void call(socket, 'run.get', { runId }).then((r) => r.ok && setRun(r.run));
  }, [socket, runId, version]);

  async function start(playbookId: string, alertId?: string) {
    const typed = topics
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
    const link = !alertId && linkSelected ? props.selectedMention : null;
    const r = await call(socket, 'run.start', {
      playbookId,
      ...(severity && { severity }),
      ...(alertId && { alertId }),
      ...(typed.length > 0 && { topics: typed }),
      ...(link && { mentionIds: [link.id] }),
    });
    if (!r.ok) return setError(r.message);
    setError(null);
    setRun(r.run);
    setRunId(r.run.id);
  }

  return (
    <Dialog title={t('runs.title')} onClose={props.onClose} wide>
      <div className="runs-layout">
        <nav aria-label={t('runs.list')}>
          <h3>{t('runs.list')}</h3>
          {props.runs.length === 0 && <p className="muted">{t('runs.none')}</p>}
          <ul className="run-list">
            {props.runs.map((r) => (
              <li key={r.id}>
                <button
                  type="button"
                  className={r.id === runId ? 'chip toggle on' : 'chip toggle'}
                  onClick={() => setRunId(r.id)}
                >
                  {r.severity} · {r.playbookName} · {r.closedAt ? t('runs.closed') : r.state}
                </button>
              </li>
            ))}
          </ul>
          <h3>{t('alerts.title')}</h3>
          <AlertInbox
            socket={socket}
            library={library}
            canStart={isLead}
            onStart={(alert, playbookId) => void start(playbookId, alert.id)}
          />
          <h3>{t('runs.library')}</h3>
          {isLead && (
            <label>
              {t('runs.topics')}
              <input value={topics} onChange={(e) => setTopics(e.target.value)} />
            </label>
          )}
          {isLead && props.selectedMention && (
            <label className="check">
              <input
                type="checkbox"
                checked={linkSelected}
                onChange={(e) => setLinkSelected(e.target.checked)}
              />
              {t('runs.linkSelected', { text: props.selectedMention.text.slice(0, 60) })}
            </label>
          )}
          {isLead && (
            <label>
              {t('runs.severity')}
              <select
                value={severity}
                onChange={(e) => setSeverity(e.target.value as Severity | '')}
              >
                <option value="">{t('runs.defaultSeverity')}</option>
                {SEVERITIES.map((s) => (
                  <option key={s}>{s}</option>
                ))}
              </select>
            </label>
          )}
          <ErrorNote error={error} />
          <PlaybookLibrary
            socket={socket}
            library={library}
            canManage={isLead}
            onStart={(id) => void start(id)}
            onImported={loadLibrary}
          />
        </nav>
        {run && (
          <RunBoard
            socket={socket}
            room={room}
            run={run}
            onChange={setRun}
            {...(props.onReview && { onReview: props.onReview })}
          />
        )}
      </div>
    </Dialog>
  );
}
