import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Skills as removable chips, with a field that adds one on Enter or comma. */
export function SkillChips(props: { skills: string[]; onChange: (skills: string[]) => void }) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const add = (raw: string) => {
    const words = raw
      .split(/[,\s]+/)
      .map((w) => w.trim().toLowerCase())
      .filter((w) => w.length > 0 && !props.skills.includes(w));
    if (words.length > 0) props.onChange([...props.skills, ...words].slice(0, 20));
    setTyped('');
  };
  return (
    <div className="skill-chips">
      {props.skills.map((s) => (
        <span key={s} className="chip">
          {s}
          <button
            type="button"
            className="link"
            aria-label={t('roster.removeSkill', { skill: s })}
            onClick={() => props.onChange(props.skills.filter((x) => x !== s))}
          >
            ×
          </button>
        </span>
      ))}
      <input
        aria-label={t('roster.skills')}
        placeholder={t('roster.addSkill')}
        value={typed}
        maxLength={24}
        onChange={(e) => setTyped(e.target.value)}
        onBlur={() => typed && add(typed)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === ',') {
            e.preventDefault();
            add(typed);
          }
        }}
      />
    </div>
  );
}
