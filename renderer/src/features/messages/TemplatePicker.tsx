import { useTranslation } from 'react-i18next';
import type { MessageTemplate } from '../../../../shared/contract/messages';

/** Choose a starting text: bundled templates, then the library's approved statements. */
export function TemplatePicker(props: {
  templates: readonly MessageTemplate[];
  /** Templates in this language are listed first. */
  language: string;
  disabled: boolean;
  onPick: (t: MessageTemplate) => void;
}) {
  const { t } = useTranslation();
  const ordered = [...props.templates].sort(
    (a, b) =>
      Number(a.language !== props.language) - Number(b.language !== props.language) ||
      a.name.localeCompare(b.name),
  );
  const bundled = ordered.filter((x) => x.source === 'bundled' && x.kind === 'reply');
  const library = ordered.filter((x) => x.source === 'library');
  const option = (x: MessageTemplate) => (
    <option key={x.id} value={x.id}>
      {x.name} ({x.language})
    </option>
  );
  return (
    <label>
      {t('composer.template')}
      <select
        value=""
        disabled={props.disabled || (bundled.length === 0 && library.length === 0)}
        onChange={(e) => {
          const picked = props.templates.find((x) => x.id === e.target.value);
          if (picked) props.onPick(picked);
        }}
      >
        <option value="">
          {bundled.length + library.length === 0 ? t('composer.noTemplates') : t('composer.pick')}
        </option>
        {bundled.length > 0 && (
          <optgroup label={t('composer.templates')}>{bundled.map(option)}</optgroup>
        )}
        {library.length > 0 && (
          <optgroup label={t('composer.statements')}>{library.map(option)}</optgroup>
        )}
      </select>
    </label>
  );
}
