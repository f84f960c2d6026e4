import { useTranslation } from 'react-i18next';
import { CHANNELS } from '../../../../shared/domain/mention';
import { SelectField } from '../../components/Field';

const UI_LANGUAGES = ['en', 'tr', 'pl'];

/** What a reply is judged by besides its words: its language, channel and topic tags. */
export type ReplyContext = { language: string; channel: string; topics: string };

/** The reply's language, channel and topic tags (defaults come from the mention). */
export function ComposerContext(props: {
  value: ReplyContext;
  onChange: (next: ReplyContext) => void;
}) {
  const { t } = useTranslation();
  const v = props.value;
  const languages = [...new Set([v.language, ...UI_LANGUAGES])];
  return (
    <>
      <SelectField
        label={t('composer.language')}
        value={v.language}
        options={languages}
        labelOf={(l) => t(`language.${l}`, { defaultValue: l })}
        onValue={(language) => props.onChange({ ...v, language })}
      />
      <SelectField
        label={t('composer.channel')}
        value={v.channel}
        options={CHANNELS}
        labelOf={(c) => t(`channel.${c}`)}
        onValue={(channel) => props.onChange({ ...v, channel })}
      />
      <label>
        {t('composer.topics')}
        <input
          value={v.topics}
          onChange={(e) => props.onChange({ ...v, topics: e.target.value })}
        />
      </label>
    </>
  );
}
