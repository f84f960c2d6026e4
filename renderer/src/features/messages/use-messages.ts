import { useEffect, useRef, useState } from 'react';
import type { MessageHistoryEntry, MessageView } from '../../../../shared/contract/messages';
import type { VoiceFinding } from '../../../../shared/messaging/voice/voice-finding';
import { call, type DeskSocket, type InputOf } from '../../desk/client';

// message.changed comes in bursts (a send also answers the mention): refetch once per burst.
const REFETCH_MS = 120;

/**
 * One message.list scope, refetched whenever a message it may hold changes here or at a peer
 * (the station decides what waits for whom, so the list is asked again rather than patched).
 * Null until the first answer.
 */
export function useMessageList(
  socket: DeskSocket,
  input: InputOf<'message.list'>,
  relevant: (m: MessageView) => boolean = () => true,
): MessageView[] | null {
  const [list, setList] = useState<MessageView[] | null>(null);
  const isRelevant = useRef(relevant);
  useEffect(() => {
    isRelevant.current = relevant;
  });
  const key = JSON.stringify(input);
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const load = () =>
      void call(socket, 'message.list', JSON.parse(key) as InputOf<'message.list'>).then((r) => {
        if (live && r.ok) setList(r.messages);
      });
    const onChanged = (changed: MessageView[]) => {
      if (!changed.some((m) => isRelevant.current(m))) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(load, REFETCH_MS);
    };
    load();
    socket.on('message.changed', onChanged);
    socket.on('connect', load);
    return () => {
      live = false;
      if (timer) clearTimeout(timer);
      socket.off('message.changed', onChanged);
      socket.off('connect', load);
    };
  }, [socket, key]);
  return list;
}

/** What message.get answers: the view, its ops (refused ones too) and its voice findings. */
export type MessageDetail = {
  message: MessageView;
  history: MessageHistoryEntry[];
  findings: VoiceFinding[];
};

/** Loads one message's detail; `version` (any value that changes with it) reloads it. */
export function useMessageDetail(
  socket: DeskSocket,
  messageId: string | null,
  version: unknown,
): { detail: MessageDetail | null; error: string | null } {
  const [state, setState] = useState<{
    id: string;
    detail: MessageDetail | null;
    error: string | null;
  } | null>(null);
  useEffect(() => {
    if (!messageId) return;
    let live = true;
    void call(socket, 'message.get', { messageId }).then((r) => {
      if (!live) return;
      if (!r.ok) return setState({ id: messageId, detail: null, error: r.message });
      // A station that does not run voice checks yet answers without findings.
      const findings = Array.isArray(r.findings) ? r.findings : [];
      setState({
        id: messageId,
        detail: { message: r.message, history: r.history, findings },
        error: null,
      });
    });
    return () => {
      live = false;
    };
  }, [socket, messageId, version]);
  // Only what belongs to the message asked for (a slow answer for the previous one is ignored).
  return state && state.id === messageId
    ? { detail: state.detail, error: state.error }
    : { detail: null, error: null };
}

/** The text of each distinct version of a message, oldest first, from its applied drafts. */
export function versionsOf(history: readonly MessageHistoryEntry[]): MessageHistoryEntry[] {
  const out: MessageHistoryEntry[] = [];
  for (const h of history)
    if (h.type === 'message.draft' && h.effect === 'applied' && h.text !== null)
      if (out.at(-1)?.contentHash !== h.contentHash) out.push(h);
  return out;
}
