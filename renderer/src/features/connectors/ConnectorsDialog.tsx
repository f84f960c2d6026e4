import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectorsView, ConnectorView } from '../../../../shared/contract/connectors';
import { Dialog } from '../../components/Dialog';
import { ErrorNote } from '../../components/Field';
import { formatAgo, formatNumber, formatTime } from '../../components/format';
import { call, type DeskSocket } from '../../desk/client';
import { ConnectorForm } from './ConnectorForm';

/**
 * The station's connectors: health for admins and leads (state, last success, last error, items
 * in the last hour), and for admins adding, changing, turning off and removing them.
 */
export function ConnectorsDialog(props: {
  socket: DeskSocket;
  isAdmin: boolean;
  view: ConnectorsView | null;
  loadError: string | null;
  onView: (v: ConnectorsView) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { socket, view } = props;
  const [editing, setEditing] = useState<ConnectorView | 'new' | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = async () => {
    const r = await call(socket, 'connector.list', {});
    if (r.ok) props.onView(r);
  };
  const setEnabled = async (c: ConnectorView, enabled: boolean) => {
    const r = await call(socket, 'connector.save', {
      id: c.id,
      kind: c.kind,
      ...(c.title !== null && { title: c.title }),
      enabled,
      settings: c.settings,
    });
    setError(r.ok ? null : r.message);
    await refresh();
  };
  const remove = async (c: ConnectorView) => {
    if (!window.confirm(t('connectors.removeConfirm', { name: c.title ?? c.id }))) return;
    const r = await call(socket, 'connector.remove', { id: c.id });
    setError(r.ok ? null : r.message);
    await refresh();
  };

  return (
    <Dialog title={t('connectors.title')} onClose={props.onClose} wide>
      <ErrorNote error={props.loadError} />
      {view && (
        <p className="muted">
          {t('connectors.file')} <code>{view.file}</code>
        </p>
      )}
      {view && view.problems.length > 0 && (
        <div role="alert" className="error" data-testid="connector-file-problems">
          <p>{t('connectors.fileProblems')}</p>
          <ul>
            {view.problems.map((p) => (
              <li key={`${p.line}:${p.column}:${p.message}`}>
                {t('connectors.line', { line: p.line })}: {p.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {view && view.connectors.length === 0 && <p>{t('connectors.none')}</p>}
      {view && view.connectors.length > 0 && (
        <table className="connectors">
          <thead>
            <tr>
              <th>{t('connectors.name')}</th>
              <th>{t('connectors.health')}</th>
              <th>{t('connectors.lastSuccess')}</th>
              <th>{t('connectors.lastError')}</th>
              <th>{t('connectors.itemsLastHour')}</th>
              {props.isAdmin && <th />}
            </tr>
          </thead>
          <tbody>
            {view.connectors.map((c) => (
              <ConnectorRow
                key={c.id}
                connector={c}
                kindTitle={view.kinds.find((k) => k.kind === c.kind)?.title ?? c.kind}
                isAdmin={props.isAdmin}
                onEdit={() => setEditing(c)}
                onEnable={(on) => void setEnabled(c, on)}
                onRemove={() => void remove(c)}
              />
            ))}
          </tbody>
        </table>
      )}
      <ErrorNote error={error} />
      {props.isAdmin && view && editing === null && (
        <button type="button" className="primary" onClick={() => setEditing('new')}>
          {t('connectors.add')}
        </button>
      )}
      {props.isAdmin && view && editing !== null && (
        <ConnectorForm
          socket={socket}
          kinds={view.kinds}
          connector={editing === 'new' ? null : editing}
          onDone={() => {
            setEditing(null);
            void refresh();
          }}
        />
      )}
    </Dialog>
  );
}

/** One connector's line: name and kind, health, and the admin's actions. */
function ConnectorRow(props: {
  connector: ConnectorView;
  kindTitle: string;
  isAdmin: boolean;
  onEdit: () => void;
  onEnable: (on: boolean) => void;
  onRemove: () => void;
}) {
  const { t, i18n } = useTranslation();
  const c = props.connector;
  const h = c.health;
  const lang = i18n.language;
  return (
    <tr data-testid={`connector-${c.id}`}>
      <td>
        <strong>{c.title ?? c.id}</strong>
        <br />
        <span className="muted">
          {props.kindTitle} · {c.id}
        </span>
        {c.endpoint && (
          <>
            <br />
            <code>POST {new URL(c.endpoint, window.location.origin).toString()}</code>
          </>
        )}
      </td>
      <td>
        <span className={`chip connector-${h.state}`} data-testid="connector-state">
          {t(`connectors.state.${h.state}`)}
        </span>
        {h.retryAt && (
          <span className="muted">
            {' '}
            {t('connectors.retryAt', { at: formatTime(h.retryAt, lang) })}
          </span>
        )}
      </td>
      <td title={h.lastSuccessAt ? formatTime(h.lastSuccessAt, lang) : undefined}>
        {h.lastSuccessAt ? formatAgo(h.lastSuccessAt, lang) : t('connectors.never')}
      </td>
      <td>
        {h.lastError ? (
          <span className="error-text" title={formatTime(h.lastError.at, lang)}>
            {/* The source's own words: a text node only. */}
            {h.lastError.message} ({formatAgo(h.lastError.at, lang)})
          </span>
        ) : (
          '—'
        )}
      </td>
      <td data-testid="connector-items">{formatNumber(h.itemsLastHour, lang)}</td>
      {props.isAdmin && (
        <td className="connector-actions">
          <button type="button" onClick={props.onEdit}>
            {t('connectors.edit')}
          </button>
          <button type="button" onClick={() => props.onEnable(!c.enabled)}>
            {c.enabled ? t('connectors.disable') : t('connectors.enable')}
          </button>
          <button type="button" className="ghost" onClick={props.onRemove}>
            {t('connectors.remove')}
          </button>
        </td>
      )}
    </tr>
  );
}
