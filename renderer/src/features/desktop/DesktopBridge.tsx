import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoomInfo } from '../../../../shared/contract/room';
import { call, type DeskSocket } from '../../desk/client';
import {
  alertNote,
  approvalNote,
  assignedNote,
  breachNote,
  newlyWaitingOn,
} from './desktop-alerts';
import { desktopBridge, dispatchAction, dispatchOpen } from './desktop-bridge';

/**
 * In the desktop app: native notifications for claims pushed to you, approvals waiting on you,
 * SLA breaches and alerts, and the menu's and notifications' commands passed to the page. In a
 * browser it does nothing (the desk's own banners carry the news). Renders nothing.
 */
export function DesktopBridge(props: { socket: DeskSocket; room: RoomInfo }) {
  const { socket, room } = props;
  const { t } = useTranslation();

  useEffect(() => {
    const bridge = desktopBridge();
    if (!bridge) return;
    const stop = bridge.onCommand((command) => {
      if (command.kind === 'action') dispatchAction(command.action);
      else dispatchOpen(command.target);
    });
    const waiting = new Set<string>();
    const seenAlerts = new Set<string>();
    let primed = false;
    const prime = async () => {
      const alerts = await call(socket, 'alert.list', {});
      if (alerts.ok) for (const a of alerts.alerts) seenAlerts.add(a.id);
      primed = true;
    };
    void prime();
    const onAssigned: Parameters<typeof socket.on<'mention.assigned'>>[1] = (n) =>
      void bridge.notify(assignedNote(n, t));
    const onBreach: Parameters<typeof socket.on<'sla.breached'>>[1] = (n) =>
      void bridge.notify(breachNote(n, t));
    const onMessages: Parameters<typeof socket.on<'message.changed'>>[1] = (messages) => {
      for (const m of newlyWaitingOn(room.me, messages, waiting))
        void bridge.notify(approvalNote(m, t));
    };
    const onAlerts = async () => {
      if (!primed) return;
      const r = await call(socket, 'alert.list', {});
      if (!r.ok) return;
      for (const a of r.alerts) {
        if (seenAlerts.has(a.id)) continue;
        seenAlerts.add(a.id);
        void bridge.notify(alertNote(a, t));
      }
    };
    const onAlertChanged = () => void onAlerts();
    socket.on('mention.assigned', onAssigned);
    socket.on('sla.breached', onBreach);
    socket.on('message.changed', onMessages);
    socket.on('alert.changed', onAlertChanged);
    return () => {
      stop();
      socket.off('mention.assigned', onAssigned);
      socket.off('sla.breached', onBreach);
      socket.off('message.changed', onMessages);
      socket.off('alert.changed', onAlertChanged);
    };
  }, [socket, room.me, t]);

  return null;
}
