import { describe, expect, it } from 'vitest';
import { actionFor } from './keymap';

const press = (key: string, target: object | null = { tagName: 'DIV' }, mods = {}) =>
  actionFor({
    key,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    target: target as EventTarget,
    ...mods,
  });

describe('keymap', () => {
  it('maps the queue keys', () => {
    expect(['j', 'k', 'c', '/', '?'].map((k) => press(k))).toEqual([
      'next',
      'previous',
      'claim',
      'search',
      'help',
    ]);
  });
  it('does nothing while typing, except Escape', () => {
    expect(press('c', { tagName: 'INPUT' })).toBeNull();
    expect(press('j', { tagName: 'TEXTAREA' })).toBeNull();
    expect(press('Escape', { tagName: 'INPUT' })).toBe('escape');
  });
  it('leaves browser shortcuts alone', () => {
    expect(press('c', { tagName: 'DIV' }, { ctrlKey: true })).toBeNull();
  });
});
