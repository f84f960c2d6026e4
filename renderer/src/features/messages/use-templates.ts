import { useEffect, useState } from 'react';
import type { MessageTemplate } from '../../../../shared/contract/messages';
import { call, type DeskSocket } from '../../desk/client';

// The composer mounts per mention and j/k moves fast: ask the station at most this often.
const FRESH_MS = 30_000;
const cache = new WeakMap<DeskSocket, { at: number; templates: Promise<MessageTemplate[]> }>();

/** Starting texts (bundled templates and approved library statements); none when unavailable. */
export function useTemplates(socket: DeskSocket): MessageTemplate[] {
  const [templates, setTemplates] = useState<MessageTemplate[]>([]);
  useEffect(() => {
    let live = true;
    let entry = cache.get(socket);
    if (!entry || Date.now() - entry.at > FRESH_MS) {
      entry = {
        at: Date.now(),
        templates: call(socket, 'template.list', {}).then((r) => (r.ok ? r.templates : [])),
      };
      cache.set(socket, entry);
    }
    void entry.templates.then((list) => live && setTemplates(list));
    // A statement approved or retired changes the library part of the list.
    const onChanged = () => cache.delete(socket);
    socket.on('message.changed', onChanged);
    return () => {
      live = false;
      socket.off('message.changed', onChanged);
    };
  }, [socket]);
  return templates;
}
