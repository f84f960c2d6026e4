import { useEffect, useMemo, useRef } from 'react';
import type { MessageView } from '../../../../shared/contract/messages';
import type { DeskSocket } from '../../desk/client';
import { useMessageList } from './use-messages';
import { desktopBridge } from '../desktop/desktop-bridge';

/**
 * True when this browser may show notifications and the user said yes (never asked on load). The
 * desktop app notifies natively instead (DesktopBridge), so there it is false: one notice, not two.
 */
export function notificationsGranted(): boolean {
  if (desktopBridge()) return false;
  return typeof Notification !== 'undefined' && Notification.permission === 'granted';
}

/**
 * What waits for this approver, oldest first, kept current by message.changed. When new items
 * arrive after the first answer, a browser notification says so, if the user allowed them.
 */
export function useApprovals(
  socket: DeskSocket,
  notice: (fresh: MessageView[]) => { title: string; body: string },
): MessageView[] {
  const list = useMessageList(socket, { scope: 'approvals' });
  const seen = useRef<Set<string> | null>(null);
  const say = useRef(notice);
  useEffect(() => {
    say.current = notice;
  });
  useEffect(() => {
    if (!list) return;
    const before = seen.current;
    seen.current = new Set(list.map((m) => m.id));
    // The first answer is what waited already: that is the badge's job, not a notification's.
    if (!before) return;
    const fresh = list.filter((m) => !before.has(m.id));
    if (fresh.length === 0 || !notificationsGranted()) return;
    const { title, body } = say.current(fresh);
    try {
      new Notification(title, { body, tag: 'holdline-approvals' });
    } catch {
      // Some browsers only notify from a service worker: the badge still shows the count.
    }
  }, [list]);
  return useMemo(
    () => [...(list ?? [])].sort((a, b) => a.versionBy.at.localeCompare(b.versionBy.at)),
    [list],
  );
}
