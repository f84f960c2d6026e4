import { useEffect, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageView } from '../../../../shared/contract/messages';
import type { RoomInfo } from '../../../../shared/contract/room';
import type { ApprovalPolicy } from '../../../../shared/messaging/policy';
import { Dialog } from '../../components/Dialog';
import { formatAgo } from '../../components/format';
import { call, type DeskSocket } from '../../desk/client';
import { ApprovalReview } from './ApprovalReview';
import { MessagingSettings } from './MessagingSettings';
import { StatementLibrary } from './StatementLibrary';
import { useTemplates } from './use-templates';
import { desktopBridge } from '../desktop/desktop-bridge';

type Tab = 'approvals' | 'library' | 'settings';

/** Approvals (what waits for me, oldest first) and the statement library, as two tabs. */
export function ApprovalsDialog(props: {
  socket: DeskSocket;
  room: RoomInfo;
  approvals: MessageView[];
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { socket, room, approvals } = props;
  const [tab, setTab] = useState<Tab>('approvals');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [policy, setPolicy] = useState<ApprovalPolicy | null>(null);
  const [permission, setPermission] = useState(() =>
    typeof Notification === 'undefined' ? 'denied' : Notification.permission,
  );
  const templates = useTemplates(socket);
  // The item in hand stays selected while it waits; once reviewed, the next oldest comes up.
  const selected = approvals.find((m) => m.id === selectedId) ?? approvals[0] ?? null;

  useEffect(() => {
    void call(socket, 'policy.get', {}).then((r) => r.ok && setPolicy(r.policy));
  }, [socket]);

  function onListKey(e: KeyboardEvent) {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const at = selected ? approvals.indexOf(selected) : -1;
    const next =
      approvals[Math.max(0, Math.min(approvals.length - 1, at + (e.key === 'ArrowDown' ? 1 : -1)))];
    if (next) {
      setSelectedId(next.id);
      document.getElementById(`approval-${next.id}`)?.focus();
    }
  }

  const tabButton = (id: Tab, label: string) => (
    <button
      type="button"
      role="tab"
      aria-selected={tab === id}
      className={tab === id ? 'chip toggle on' : 'chip toggle'}
      onClick={() => setTab(id)}
    >
      {label}
    </button>
  );

  return (
    <Dialog title={t('approvals.title')} onClose={props.onClose} wide>
      <div role="tablist" className="row-line">
        {tabButton('approvals', t('approvals.tab', { count: approvals.length }))}
        {tabButton('library', t('library.tab'))}
        {room.me.role === 'admin' && tabButton('settings', t('settings.tab'))}
        <span className="spacer" />
        {permission === 'default' && !desktopBridge() && (
          <button
            type="button"
            className="ghost"
            onClick={() => void Notification.requestPermission().then(setPermission)}
          >
            {t('approvals.enableNotifications')}
          </button>
        )}
      </div>
      {tab === 'settings' ? (
        <MessagingSettings socket={socket} />
      ) : tab === 'library' ? (
        <StatementLibrary socket={socket} room={room} />
      ) : approvals.length === 0 ? (
        <p className="muted" data-testid="approvals-empty">
          {t('approvals.none')}
        </p>
      ) : (
        <div className="approvals-layout">
          <ul className="approval-list" aria-label={t('approvals.title')} onKeyDown={onListKey}>
            {approvals.map((m) => (
              <li key={m.id}>
                <button
                  type="button"
                  id={`approval-${m.id}`}
                  data-testid="approval-item"
                  aria-current={m.id === selected?.id}
                  className={m.id === selected?.id ? 'approval-item on' : 'approval-item'}
                  onClick={() => setSelectedId(m.id)}
                >
                  <span className="muted">
                    {t(`message.kind.${m.kind}`)} · {m.versionBy.name} ·{' '}
                    {formatAgo(m.versionBy.at, i18n.language)}
                  </span>
                  <span className="approval-snippet">{m.text.slice(0, 140)}</span>
                </button>
              </li>
            ))}
          </ul>
          {selected && (
            <ApprovalReview
              key={selected.id}
              socket={socket}
              room={room}
              message={selected}
              policy={policy}
              templates={templates}
              onReviewed={() => setSelectedId(null)}
            />
          )}
        </div>
      )}
    </Dialog>
  );
}
