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
      {can(room.me.role, 'mention.route') && breaches.length > 0 && (
        <div className="sla-toasts" role="alert" data-testid="sla-breach-notice">
          {breaches.map((n) => (
            <p key={n.mentionId} className="sla-toast">
              <strong>{t('routing.breachTitle', { priority: n.priority })}</strong>{' '}
              {n.department && t(`department.${n.department}`, { defaultValue: n.department })}
              {' · '}
              {/* Untrusted text: a text node only. */}
              <span>{n.excerpt}</span>{' '}
              <button
                type="button"
                className="ghost"
                aria-label={t('routing.dismiss')}
                onClick={() => setBreaches((b) => b.filter((x) => x.mentionId !== n.mentionId))}
              >
                ×
              </button>
            </p>
          ))}
        </div>
      )}
      {assigned.length > 0 && (
        <div className="sla-toasts" role="status" data-testid="assigned-notice">
          {assigned.map((n) => (
            <p key={n.mentionId} className="sla-toast assigned">
              <strong>{t('routing.assignedTitle', { priority: n.priority })}</strong>{' '}
              {n.department && t(`department.${n.department}`, { defaultValue: n.department })}
              {n.overflow && ` (${t('routing.assignedOverflow')})`}
              {' · '}
              {/* Untrusted text: a text node only. */}
              <span>{n.excerpt}</span>{' '}
              <button
                type="button"
                className="ghost"
                aria-label={t('routing.dismiss')}
                onClick={() => setAssigned((a) => a.filter((x) => x.mentionId !== n.mentionId))}
              >
                ×
              </button>
            </p>
          ))}
        </div>
      )}
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
