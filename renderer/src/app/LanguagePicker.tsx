import { useTranslation } from 'react-i18next';
import { LANGUAGES, setLanguage } from '../i18n';

/** The UI language switcher. */
export function LanguagePicker() {
  const { t, i18n } = useTranslation();
  return (
    <label className="language">
      <span className="sr-only">{t('app.language')}</span>
      <select
        value={i18n.language}
        onChange={(e) => setLanguage(e.target.value)}
        aria-label={t('app.language')}
      >
        {LANGUAGES.map((l) => (
          <option key={l.code} value={l.code}>
            {l.name}
          </option>
        ))}
      </select>
    </label>
  );
}
