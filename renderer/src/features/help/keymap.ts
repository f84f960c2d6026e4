/** Queue actions reachable from the keyboard. */
export type QueueAction =
  | 'next'
  | 'previous'
  | 'claim'
  | 'release'
  | 'answer'
  | 'close'
  | 'ignore'
  | 'reopen'
  | 'search'
  | 'help'
  | 'escape'
  | 'new'
  | 'compose'
  | 'approvals';

/** Every key, for the ? overlay (labels are i18n keys). */
export const KEYMAP: { key: string; action: QueueAction }[] = [
  { key: 'j', action: 'next' },
  { key: 'k', action: 'previous' },
  { key: 'c', action: 'claim' },
  { key: 'r', action: 'release' },
  { key: 'a', action: 'answer' },
  { key: 'x', action: 'close' },
  { key: 'i', action: 'ignore' },
  { key: 'o', action: 'reopen' },
  { key: 'n', action: 'new' },
  { key: 'm', action: 'compose' },
  { key: 'p', action: 'approvals' },
  { key: '/', action: 'search' },
  { key: '?', action: 'help' },
  { key: 'Escape', action: 'escape' },
];

const BY_KEY = new Map(KEYMAP.map((k) => [k.key, k.action]));

/** The action a key press means, or null (typing in a field, or a modifier held). */
export function actionFor(e: {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  target: EventTarget | null;
}): QueueAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  const el = e.target as { tagName?: string; isContentEditable?: boolean } | null;
  const typing =
    !!el &&
    (el.tagName === 'INPUT' ||
      el.tagName === 'TEXTAREA' ||
      el.tagName === 'SELECT' ||
      el.isContentEditable === true);
  if (typing) return e.key === 'Escape' ? 'escape' : null;
  if (e.key === 'ArrowDown') return 'next';
  if (e.key === 'ArrowUp') return 'previous';
  return BY_KEY.get(e.key) ?? null;
}
