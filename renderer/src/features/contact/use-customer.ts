import { useCallback, useEffect, useState } from 'react';
import type { ContactSuggestion, ContactView } from '../../../../shared/contract/contacts';
import type { Mention } from '../../../../shared/domain/mention';
import { call, type DeskSocket } from '../../desk/client';

/** Mentions shown per page of a customer's history. */
export const CUSTOMER_PAGE = 20;

/** What the Customer panel shows for one mention, and how to page and refresh it. */
export type CustomerState = {
  contact: ContactView | null;
  suggestions: ContactSuggestion[];
  /** Every page loaded so far, newest first. */
  history: Mention[];
  error: string | null;
  loadMore(): void;
  reload(): void;
};

/**
 * Loads the customer behind a mention and the suggested merges; reloads when the mention row
 * changes and when the station says links changed for one of the customer's identifiers.
 */
export function useCustomer(socket: DeskSocket, mention: Mention): CustomerState {
  const [contact, setContact] = useState<ContactView | null>(null);
  const [history, setHistory] = useState<Mention[]>([]);
  const [suggestions, setSuggestions] = useState<ContactSuggestion[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const mentionId = mention.id;

  useEffect(() => {
    let live = true;
    void Promise.all([
      call(socket, 'contact.get', { mentionId, offset: 0, limit: CUSTOMER_PAGE }),
      call(socket, 'contact.suggestions', { mentionId }),
    ]).then(([c, s]) => {
      if (!live) return;
      if (!c.ok) return setError(c.message);
      setError(null);
      setContact(c.contact);
      setHistory(c.contact.mentions);
      setSuggestions(s.ok ? s.suggestions : []);
    });
    return () => {
      live = false;
    };
  }, [socket, mentionId, mention, version]);

  // Links changed somewhere in the room: reload if they touch this customer or a suggested one.
  useEffect(() => {
    const onChanged = (info: { identifiers: string[] }) => {
      const mine = new Set([
        ...(contact?.identifiers.map((i) => i.id) ?? []),
        ...suggestions.flatMap((s) => s.other.identifiers.map((i) => i.id)),
      ]);
      if (info.identifiers.some((id) => mine.has(id))) setVersion((v) => v + 1);
    };
    socket.on('contact.changed', onChanged);
    return () => {
      socket.off('contact.changed', onChanged);
    };
  }, [socket, contact, suggestions]);

  const loadMore = useCallback(() => {
    void call(socket, 'contact.get', {
      mentionId,
      offset: history.length,
      limit: CUSTOMER_PAGE,
    }).then((r) => {
      if (!r.ok) return setError(r.message);
      setHistory((h) => [...h, ...r.contact.mentions.filter((m) => !h.some((x) => x.id === m.id))]);
    });
  }, [socket, mentionId, history.length]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { contact, suggestions, history, error, loadMore, reload };
}
