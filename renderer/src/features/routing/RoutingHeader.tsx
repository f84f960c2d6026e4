import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssignedNotice, SlaBreachNotice } from '../../../../shared/contract/routing';
import type { RoomInfo } from '../../../../shared/contract/room';
import { can } from '../../../../shared/domain/permissions';
import { Dialog } from '../../components/Dialog';
import type { DeskSocket } from '../../desk/client';
import { RoutingRulesEditor, SlaTargetsForm } from './RoutingSettings';

/**
 * Breach notices for leads and admins, mentions assigned to me, and the admins' Routing and SLA
 * dialog button.
 */
export function RoutingHeader(props: { socket: DeskSocket; room: RoomInfo }) {
  const { t } = useTranslation();
  const { socket, room } = props;
  const [open, setOpen] = useState(false);
  const [tab, setTab] = useState<'rules' | 'sla'>('rules');
  const [breaches, setBreaches] = useState<SlaBreachNotice[]>([]);
  const [assigned, setAssigned] = useState<AssignedNotice[]>([]);

  useEffect(() => {
    const on = (n: SlaBreachNotice) =>
      setBreaches((b) => [n, ...b.filter((x) => x.mentionId !== n.mentionId)].slice(0, 5));
    const onAssigned = (n: AssignedNotice) =>
      setAssigned((a) => [n, ...a.filter((x) => x.mentionId !== n.mentionId)].slice(0, 5));
    socket.on('sla.breached', on);
    socket.on('mention.assigned', onAssigned);
    return () => {
      socket.off('sla.breached', on);
      socket.off('mention.assigned', onAssigned);
    };
  }, [socket]);

  return (
    <>
      {room.me.role === 'admin' && (
        <button type="button" onClick={() => setOpen(true)}>
          {t('routing.open')}
        </button>
      )}
      {can(room.me.role, 'mention.route') && (
        <MentionToasts
          notices={breaches}
          role="alert"
          testId="sla-breach-notice"
          title={(n) => t('routing.breachTitle', { priority: n.priority })}
          onDismiss={(id) => setBreaches((b) => b.filter((x) => x.mentionId !== id))}
        />
      )}
      <MentionToasts
        notices={assigned}
        role="status"
        testId="assigned-notice"
        title={(n) =>
          t('routing.assignedTitle', { priority: n.priority }) +
          (n.overflow ? ` (${t('routing.assignedOverflow')})` : '')
        }
        onDismiss={(id) => setAssigned((a) => a.filter((x) => x.mentionId !== id))}
      />
      {open && (
        <Dialog title={t('routing.open')} onClose={() => setOpen(false)} wide>
          <div className="tabs" role="tablist">
            {(['rules', 'sla'] as const).map((k) => (
              <button
                key={k}
                type="button"
                role="tab"
                aria-selected={tab === k}
                className={tab === k ? 'chip toggle on' : 'chip toggle'}
                onClick={() => setTab(k)}
              >
                {t(k === 'rules' ? 'routing.rules' : 'routing.slaTargets')}
              </button>
            ))}
          </div>
          {tab === 'rules' ? (
            <RoutingRulesEditor socket={socket} />
          ) : (
            <SlaTargetsForm socket={socket} />
          )}
        </Dialog>
      )}
    </>
  );
}

type MentionNotice = { mentionId: string; department: string | null; excerpt: string };

/** Notices about mentions, newest first, each with its department, words and a dismiss button. */
function MentionToasts<T extends MentionNotice>(props: {
  notices: readonly T[];
  role: 'alert' | 'status';
  testId: string;
  title: (n: T) => string;
  onDismiss: (mentionId: string) => void;
}) {
  const { t } = useTranslation();
  if (props.notices.length === 0) return null;
  return (
    <div className="sla-toasts" role={props.role} data-testid={props.testId}>
      {props.notices.map((n) => (
        <p key={n.mentionId} className="sla-toast">
          <strong>{props.title(n)}</strong>{' '}
          {n.department && t(`department.${n.department}`, { defaultValue: n.department })}
          {' · '}
          {/* Untrusted text: a text node only. */}
          <span>{n.excerpt}</span>{' '}
          <button
            type="button"
            className="ghost"
            aria-label={t('routing.dismiss')}
            onClick={() => props.onDismiss(n.mentionId)}
          >
            ×
          </button>
        </p>
      ))}
    </div>
  );
}
