import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import pl from './pl.json';
import tr from './tr.json';

/** Languages of the UI, each with its name in itself. */
export const LANGUAGES = [
  { code: 'en', name: 'English' },
  { code: 'tr', name: 'Türkçe' },
  { code: 'pl', name: 'Polski' },
] as const;

const STORED = 'holdline.language';

function initialLanguage(): string {
  const saved = localStorage.getItem(STORED);
  if (saved && LANGUAGES.some((l) => l.code === saved)) return saved;
  const nav = navigator.language.slice(0, 2);
  return LANGUAGES.some((l) => l.code === nav) ? nav : 'en';
}

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, tr: { translation: tr }, pl: { translation: pl } },
  lng: initialLanguage(),
  fallbackLng: 'en',
  interpolation: { escapeValue: false }, // React escapes; mention text never goes through t()
});

/** Switches the UI language and remembers it. */
export function setLanguage(code: string): void {
  localStorage.setItem(STORED, code);
  void i18n.changeLanguage(code);
  document.documentElement.lang = code;
}

export default i18n;
