import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AlertView, PlaybookEntry } from '../../../../shared/contract/runs';
import type { Mention } from '../../../../shared/domain/mention';
import { call, type DeskSocket } from '../../desk/client';

/** What fired, why (window, baseline, mentions), and — for leads — a playbook to answer it with. */
export function AlertInbox(props: {
  socket: DeskSocket;
  library: PlaybookEntry[];
  canStart: boolean;
  onStart: (alert: AlertView, playbookId: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const { socket } = props;
  const [alerts, setAlerts] = useState<AlertView[]>([]);
  const [choice, setChoice] = useState<Record<string, string>>({});
  useEffect(() => {
    const load = () => void call(socket, 'alert.list', {}).then((r) => r.ok && setAlerts(r.alerts));
    load();
    // A run started from an alert answers it: runs changing can change the inbox too.
    socket.on('alert.changed', load);
    socket.on('run.changed', load);
    return () => {
      socket.off('alert.changed', load);
      socket.off('run.changed', load);
    };
  }, [socket]);
  const startable = props.library.filter((p) => p.id && p.problems.length === 0);
  const when = (iso: string) =>
    new Date(iso).toLocaleString(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  if (alerts.length === 0) return <p className="muted">{t('alerts.none')}</p>;
  return (
    <ul className="library" data-testid="alert-inbox">
      {alerts.map((a) => (
        <li key={a.id} data-testid="alert">
          <strong>
            {a.suggestedSeverity} · {t(`alerts.rule.${a.rule}`)} · {a.key}
          </strong>
          <div className="muted">
            {when(a.windowStart)}–{when(a.windowEnd)} ·{' '}
            {t('alerts.why', {
              count: a.count,
              baseline: a.baselinePerHour.toFixed(1),
              ratio: a.ratio.toFixed(1),
              negative: Math.round(a.negativeShare * 100),
            })}
          </div>
          <AlertMentions socket={socket} alert={a} />
          {a.runIds.length > 0 ? (
            <div className="ok">{t('alerts.answered', { count: a.runIds.length })}</div>
          ) : (
            props.canStart &&
            startable.length > 0 && (
              <div className="row">
                <select
                  aria-label={t('alerts.playbook')}
                  value={choice[a.id] ?? startable[0]?.id ?? ''}
                  onChange={(e) => setChoice({ ...choice, [a.id]: e.target.value })}
                >
                  {startable.map((p) => (
                    <option key={p.id} value={p.id ?? ''}>
                      {p.name}
                    </option>
                  ))}
                </select>
                <button
                  type="button"
                  className="primary"
                  onClick={() => props.onStart(a, choice[a.id] ?? (startable[0]?.id as string))}
                >
                  {t('alerts.start')}
                </button>
              </div>
            )
          )}
        </li>
      ))}
    </ul>
  );
}

/** The mentions that caused an alert (a sample of them), loaded when opened; text as text. */
function AlertMentions(props: { socket: DeskSocket; alert: AlertView }) {
  const { t } = useTranslation();
  const [mentions, setMentions] = useState<Mention[] | null>(null);
  const load = () => {
    if (mentions) return;
    void call(props.socket, 'alert.mentions', { alertId: props.alert.id }).then(
      (r) => r.ok && setMentions(r.mentions),
    );
  };
  return (
    <details onToggle={(e) => (e.currentTarget as HTMLDetailsElement).open && load()}>
      <summary>{t('alerts.mentions', { count: props.alert.sampleRefs.length })}</summary>
      <ul className="muted" data-testid="alert-mentions">
        {(mentions ?? []).map((m) => (
          <li key={m.id}>
            {m.author.handle}: {m.text}
          </li>
        ))}
      </ul>
    </details>
  );
}
