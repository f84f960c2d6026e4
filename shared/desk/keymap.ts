/**
 * The desk's keyboard: one key per queue action. The renderer handles the keys; the desktop app's
 * Queue menu lists the same actions with their keys (and sends the action to the window).
 */

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
