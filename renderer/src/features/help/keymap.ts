import { KEYMAP, type QueueAction } from '../../../../shared/desk/keymap';

export { KEYMAP, type QueueAction };

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
