import type { TFunction } from 'i18next';

/** Approval areas as people say them, joined the way the UI language joins a list. */
export function areaList(areas: readonly string[], t: TFunction, lang: string): string {
  const names = areas.map((a) => t(`area.${a}`, { defaultValue: a }));
  return new Intl.ListFormat(lang, { style: 'long', type: 'conjunction' }).format(names);
}
